import type {PrismTheme} from 'prism-react-renderer';

/**
 * A Prism theme with every token colour moved just far enough (darker on a
 * light background, lighter on a dark one) to reach WCAG AA contrast (4.5:1)
 * against the code background: the stock themes miss it for some tokens.
 */
export function accessibleTheme(theme: PrismTheme): PrismTheme {
  const background = parse(theme.plain.backgroundColor ?? '#ffffff');
  const dark = luminance(background) < 0.5;
  const fix = (color: string | undefined) => {
    if (!color || !/^#|^rgb/.test(color)) return color;
    let rgb = parse(color);
    for (let step = 0; step < 40 && contrast(rgb, background) < 4.6; step += 1) {
      rgb = rgb.map((channel) => (dark ? channel + (255 - channel) * 0.08 : channel * 0.92)) as RGB;
    }
    return `rgb(${rgb.map((channel) => Math.round(channel)).join(', ')})`;
  };
  return {
    plain: {...theme.plain, color: fix(theme.plain.color)},
    styles: theme.styles.map((entry) => ({...entry, style: {...entry.style, color: fix(entry.style.color)}})),
  };
}

type RGB = [number, number, number];

function parse(color: string): RGB {
  if (color.startsWith('#')) {
    const hex = color.length === 4 ? [...color.slice(1)].map((c) => c + c).join('') : color.slice(1, 7);
    return [0, 2, 4].map((index) => parseInt(hex.slice(index, index + 2), 16)) as RGB;
  }
  return (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number) as RGB;
}

function luminance(rgb: RGB): number {
  const [r, g, b] = rgb.map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: RGB, b: RGB): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

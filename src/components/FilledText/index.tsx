import React, {useLayoutEffect, type ReactNode} from 'react';
import {placeholderPattern as placeholder} from '@site/plugins/guide-model/placeholder-text';

export function hasPlaceholders(text: string): boolean {
  return new RegExp(placeholder.source).test(text);
}

/** Saves text as a file from the page itself: the reader's values never leave the browser. */
export function downloadText(fileName: string, content: string | Uint8Array, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], {type}));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Inline text with the reader's values, each marked so the reader sees what was filled in. */
export function FilledInline({text, values}: {text: string; values: Readonly<Record<string, string>>}): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(placeholder)) {
    const value = values[match[1]];
    if (value === undefined) continue;
    parts.push(
      text.slice(last, match.index),
      <mark key={match.index} className="reader-value" title={`Your value for {${match[1]}}`}>
        {value}
      </mark>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

/**
 * Marks the filled-in ranges of a rendered code block with the CSS Custom
 * Highlight API: no change to the DOM that Prism and the copy button use.
 */
export function useHighlightRanges(container: React.RefObject<HTMLElement | null>, ranges: Array<[number, number]>): void {
  useLayoutEffect(() => {
    const highlights = (globalThis as {CSS?: {highlights?: Map<string, unknown>}}).CSS?.highlights;
    const HighlightClass = (globalThis as {Highlight?: new (...ranges: Range[]) => unknown}).Highlight;
    const code = container.current?.querySelector('pre code');
    if (!highlights || !HighlightClass || !code) return undefined;
    // Text nodes in order, with their offsets in the code's text (lines are joined by "\n").
    const nodes: Array<{node: Text; start: number}> = [];
    let offset = 0;
    code.querySelectorAll('.token-line').forEach((line, index) => {
      if (index > 0) offset += 1;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        nodes.push({node, start: offset});
        offset += node.data.length;
      }
    });
    const at = (position: number) => {
      const holder = [...nodes].reverse().find((entry) => entry.start <= position) ?? nodes[0];
      return {node: holder.node, offset: Math.min(position - holder.start, holder.node.data.length)};
    };
    const domRanges = ranges.map(([start, end]) => {
      const range = document.createRange();
      const from = at(start);
      const to = at(end);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      return range;
    });
    const key = 'reader-value';
    const previous = (highlights.get(key) as {add(range: Range): void; delete(range: Range): void} | undefined) ?? new HighlightClass();
    for (const range of domRanges) (previous as {add(range: Range): void}).add(range);
    highlights.set(key, previous);
    return () => {
      for (const range of domRanges) (previous as {delete(range: Range): void}).delete(range);
    };
  }, [container, ranges]);
}

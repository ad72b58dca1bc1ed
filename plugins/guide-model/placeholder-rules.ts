/**
 * The checks of a reader's value for each kind of placeholder. Browser-safe:
 * the values panel runs these as the reader types, and the build runs them on
 * every placeholder's example value.
 */
import ipaddr from 'ipaddr.js';
import type {PlaceholderType} from './placeholders.ts';
import {didYouMean} from './suggest.ts';

/** A DNS name per RFC 1123: labels of letters, digits and inner hyphens, at least two labels. */
const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function checkDomain(value: string): string | undefined {
  if (value.length > 253) return 'A domain name has at most 253 characters.';
  const labels = value.replace(/\.$/, '').split('.');
  if (labels.length < 2) return 'Write the whole domain, such as example.org.';
  if (!labels.every((part) => label.test(part))) return 'Use letters, digits, hyphens (not at the start or end of a part) and dots, such as mail-1.example.org.';
  if (/^\d+$/.test(labels.at(-1)!)) return 'The last part of a domain name is not a number.';
  return undefined;
}

/** The part before the @ of an address: the characters docker-mailserver accepts for an account. */
function checkLocalPart(value: string): string | undefined {
  if (value.length > 64) return 'At most 64 characters before the @.';
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(value)) {
    return 'Use letters, digits and . _ - + (no spaces, no dot at the start or end).';
  }
  if (/[{}]/.test(value)) return 'Braces would be read as a placeholder.';
  return undefined;
}

function checkEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at < 1) return 'Write a whole address, such as alice@example.org.';
  return checkLocalPart(value.slice(0, at)) ?? checkDomain(value.slice(at + 1));
}

function checkTimezone(value: string): string | undefined {
  const zones = (Intl as unknown as {supportedValuesOf?: (key: string) => string[]}).supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(value) || value === 'UTC' ? undefined : 'Use an IANA time zone name, such as Europe/Berlin or America/Los_Angeles.';
}

function checkAbsolutePath(value: string): string | undefined {
  if (!value.startsWith('/')) return 'Write an absolute path, starting with /.';
  if (/(^|\/)\.\.?(\/|$)|\/\/|\s/.test(value)) return 'Write a plain path: no spaces, no "." or ".." parts.';
  return undefined;
}

/** Addresses and networks separated by spaces, as fail2ban's `ignoreip` takes them: `127.0.0.1/8 ::1 192.0.2.0/24`. */
function checkAddressList(value: string): string | undefined {
  const wrong = value.split(/\s+/).find((item) => !(item.includes('/') ? ipaddr.isValidCIDR(item) : ipaddr.isValid(item)));
  return wrong === undefined ? undefined : `"${wrong}" is not an IP address or network: write addresses or networks separated by spaces, such as 127.0.0.1/8 ::1 192.0.2.0/24.`;
}

const checks: Record<PlaceholderType, (value: string) => string | undefined> = {
  domain: checkDomain,
  'local-part': checkLocalPart,
  email: checkEmail,
  timezone: checkTimezone,
  'absolute-path': checkAbsolutePath,
  'address-list': checkAddressList,
};

/** Characters that would break a plain YAML scalar; an address list (IPv6 has colons) goes into jails, not YAML. */
const yamlBreaking = (type: PlaceholderType) => (type === 'address-list' ? /[\n\r#"'\\]/ : /[\n\r:#"'\\]/);

/**
 * Checks a value for a placeholder of this type.
 * @returns what is wrong and how to write it, or undefined when it is fine.
 */
export function checkPlaceholderValue(type: PlaceholderType, value: string): string | undefined {
  if (value.trim() !== value) return 'Remove the spaces at the start or end.';
  if (value === '') return 'Enter a value.';
  if (type !== 'email' && yamlBreaking(type).test(value)) return 'This value would break the YAML of the compose file (":", "#", quotes and line breaks are not allowed here).';
  return checks[type](value);
}

/**
 * The reader's values checked against the declared placeholders, as every
 * entry point does (the values panel, `npm run bundle --set`): one message per
 * unknown name or refused value, worded as the panel shows it.
 */
export function valueProblems(
  values: Readonly<Record<string, string>>,
  placeholders: ReadonlyArray<{name: string; type: PlaceholderType}>,
): Array<{name: string; message: string}> {
  return Object.entries(values).flatMap(([name, value]) => {
    const placeholder = placeholders.find((candidate) => candidate.name === name);
    if (!placeholder) {
      const names = placeholders.map((p) => p.name);
      return [{name, message: `No placeholder {${name}}.${didYouMean(name, names)} The guide's are ${names.join(', ')}.`}];
    }
    const message = checkPlaceholderValue(placeholder.type, value);
    return message ? [{name, message}] : [];
  });
}

/** Volumes and ports of a compose service, from the short or long syntax. */

export interface Mount {
  /** Host path or volume name; undefined for an anonymous volume. */
  source?: string;
  /** Path inside the container. */
  target: string;
  readonly: boolean;
}

export interface PublishedPort {
  hostIp?: string;
  /** Host ports; undefined when Docker picks them. */
  published?: [number, number];
  /** Container ports. */
  target: [number, number];
  protocol: 'tcp' | 'udp';
}

export function parseMount(entry: unknown): Mount | undefined {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    if (parts.length === 1) return {target: parts[0], readonly: false};
    const options = parts.length > 2 ? parts[2].split(',') : [];
    return {source: parts[0], target: parts[1], readonly: options.includes('ro')};
  }
  if (entry && typeof entry === 'object' && 'target' in entry) {
    const {source, target, read_only: readOnly} = entry as {source?: string; target: string; read_only?: boolean};
    return {source, target, readonly: readOnly === true};
  }
  return undefined;
}

function range(text: string): [number, number] {
  const [first, last = first] = text.split('-').map(Number);
  return [first, last];
}

export function parsePort(entry: unknown): PublishedPort | undefined {
  if (typeof entry === 'number') return {target: [entry, entry], protocol: 'tcp'};
  if (typeof entry === 'string') {
    const [spec, protocol = 'tcp'] = entry.split('/');
    // [host_ip:]published:target, where host_ip may be a bracketed IPv6 address.
    const match = /^(?:(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)$/.exec(spec);
    if (!match) return undefined;
    const [, hostIp, published, target] = match;
    return {
      hostIp: hostIp?.replace(/^\[|\]$/g, ''),
      published: published ? range(published) : undefined,
      target: range(target),
      protocol: protocol === 'udp' ? 'udp' : 'tcp',
    };
  }
  if (entry && typeof entry === 'object' && 'target' in entry) {
    const {target, published, host_ip: hostIp, protocol} = entry as {target: number | string; published?: number | string; host_ip?: string; protocol?: string};
    return {hostIp, published: published === undefined ? undefined : range(String(published)), target: range(String(target)), protocol: protocol === 'udp' ? 'udp' : 'tcp'};
  }
  return undefined;
}

/** Is `inner` the path `outer` or inside it? */
export function isWithin(inner: string, outer: string): boolean {
  const trimmed = outer.replace(/\/+$/, '');
  return inner === trimmed || inner.startsWith(`${trimmed}/`) || trimmed === '';
}

/** The mount that holds a container path: the deepest one containing it. */
export function holdingMount<M extends Mount>(target: string, mounts: readonly M[]): M | undefined {
  return mounts.filter((mount) => isWithin(target, mount.target)).sort((a, b) => b.target.length - a.target.length)[0];
}

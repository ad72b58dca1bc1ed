import type {Problem} from '../../guide-model/diagnostics.ts';
import {nodeAt, type ComposeSnippet} from './compose-file.ts';

/**
 * compose-go's checks beyond the JSON schema (loader/validate.go
 * checkConsistency, validation/*.go, graph/cycle.go), on interpolated data that
 * passed the schema. References to top-level networks, volumes, secrets,
 * configs and other services are only checked in a whole file: a fragment's
 * services meet the rest of the file on another page. Browser-safe.
 */
type Data = Record<string, unknown>;
const asObject = (value: unknown): Data => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** depends_on and networks come as a list of names or a mapping by name. */
const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : Object.keys(asObject(value)));

export function checkConsistency(data: Data, positions: ComposeSnippet, variables: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  // A whole file, and this data is that file (not the services merged from several snippets).
  const whole = !positions.fragment && Object.keys(positions.data).every((key) => key in data);
  const services = asObject(data.services);
  const top = (key: string) => asObject(data[key]);
  const report = (path: (string | number)[], reason: string) =>
    problems.push(positions.at(nodeAt(positions, path), {ruleId: 'compose/consistency', reason: `${reason} (compose-go's loader refuses it)`}));
  const holds = (path: (string | number)[]) => variables.some((pointer) => pointer === `/${path.join('/')}` || pointer.startsWith(`/${path.join('/')}/`));

  for (const [name, value] of Object.entries(services)) {
    const service = asObject(value);
    const at = (...path: (string | number)[]) => ['services', name, ...path];
    const dependsOn = asObject(Array.isArray(service.depends_on) ? Object.fromEntries(service.depends_on.map((dependency) => [String(dependency), {}])) : service.depends_on);
    if (whole) {
      for (const [dependency, config] of Object.entries(dependsOn)) {
        if (!(dependency in services) && asObject(config).required !== false && !('extends' in service))
          report(at('depends_on'), `Service "${name}" depends on "${dependency}", which the file does not define.`);
      }
    }
    const networkMode = service.network_mode;
    if (typeof networkMode === 'string' && networkMode !== '' && names(service.networks).length > 0)
      report(at('network_mode'), `Service "${name}" sets both network_mode and networks: they exclude each other.`);
    if (whole && typeof networkMode === 'string' && networkMode.startsWith('service:') && !(networkMode.slice(8) in services) && !holds(at('network_mode')))
      report(at('network_mode'), `network_mode "${networkMode}" names no service of the file.`);
    if (whole) {
      for (const network of names(service.networks))
        if (network !== 'default' && !(network in top('networks')))
          report(at('networks'), `Service "${name}" uses network "${network}", which the top-level networks do not define.`);
      for (const kind of ['secrets', 'configs'] as const) {
        for (const entry of list(service[kind])) {
          const source = typeof entry === 'string' ? entry : asObject(entry).source;
          if (typeof source === 'string' && !(source in top(kind)))
            report(at(kind), `Service "${name}" uses ${kind.slice(0, -1)} "${source}", which the top-level ${kind} do not define.`);
        }
      }
    }
    list(service.volumes).forEach((volume, index) => {
      if (holds(at('volumes', index))) return;
      const long = asObject(volume);
      if (long.type === 'bind' && !long.source) report(at('volumes', index), `A bind mount needs a source (the host path).`);
      const source =
        typeof volume === 'string' ? (volume.split(':').length > 1 ? volume.split(':')[0] : undefined) : (long.type ?? 'volume') === 'volume' ? long.source : undefined;
      if (whole && typeof source === 'string' && /^[A-Za-z0-9][\w.-]*$/.test(source) && !(source in top('volumes')))
        report(at('volumes', index), `Service "${name}" mounts the volume "${source}", which the top-level volumes do not define. For a host directory, write ./${source}.`);
    });
    const devices = [...list(asObject(asObject(asObject(service.deploy).resources).reservations).devices), ...list(service.gpus)];
    for (const device of devices.map(asObject)) {
      if ('count' in device && 'device_ids' in device) report(at('deploy'), `A device request sets both count and device_ids: they exclude each other.`);
      if (typeof device.count === 'string' && device.count !== 'all' && !/^-?\d+$/.test(device.count))
        report(at('deploy'), `A device request's count is "${device.count}": only "all" or a number.`);
    }
    const test = asObject(service.healthcheck).test;
    if (Array.isArray(test) && test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(String(test[0])))
      report(at('healthcheck', 'test'), `healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE".`);
    const replicas = asObject(service.deploy).replicas;
    if (typeof service.scale === 'number' && typeof replicas === 'number' && service.scale !== replicas)
      report(at('scale'), `Service "${name}" sets scale and deploy.replicas to different values.`);
    if (service.container_name && ((service.scale as number) > 1 || (replicas as number) > 1))
      report(at('container_name'), `Service "${name}" has a container_name and more than one replica: container names must be unique.`);
  }

  for (const [name, value] of Object.entries(top('volumes'))) {
    const volume = asObject(value);
    if (volume.external === true) {
      for (const key of Object.keys(volume))
        if (!['name', 'external'].includes(key) && !key.startsWith('x-'))
          report(['volumes', name, key], `Volume "${name}" is external: compose does not create it, so "${key}" cannot be set.`);
    }
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [name, value] of Object.entries(top(kind))) {
      const object = asObject(value);
      const sources = (kind === 'secrets' ? ['file', 'environment'] : ['file', 'environment', 'content']).filter((key) => key in object);
      if (sources.length > 1) report([kind, name], `${kind.slice(0, -1)} "${name}" sets ${sources.join(' and ')}: only one of them.`);
      if (sources.length === 0 && !('external' in object) && !('driver' in object))
        report([kind, name], `${kind.slice(0, -1)} "${name}" needs file or environment${kind === 'configs' ? ' or content' : ''}.`);
    }
  }
  // An include of the file itself never ends (compose: "include cycle detected").
  const self = (positions.filled.snippet.includedFrom ?? positions.filled.snippet.target).split('/').at(-1);
  for (const entry of list(data.include)) {
    const paths = typeof entry === 'string' ? [entry] : list(asObject(entry).path).concat(typeof asObject(entry).path === 'string' ? [asObject(entry).path] : []);
    if (paths.some((path) => String(path).replace(/^\.\//, '') === self)) report(['include'], `The file includes itself.`);
  }
  problems.push(...dependencyCycles(services, positions));
  return problems;
}

/** depends_on cycles, as compose-go's graph.CheckCycle finds them: `a -> b -> a`. */
function dependencyCycles(services: Data, positions: ComposeSnippet): Problem[] {
  const edges = new Map(
    Object.entries(services).map(([name, value]) => {
      const dependsOn = asObject(value).depends_on;
      return [name, names(dependsOn).filter((dependency) => dependency in services)];
    }),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: Problem[] = [];
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      problems.push(
        positions.at(nodeAt(positions, ['services', name, 'depends_on']), {
          ruleId: 'compose/consistency',
          reason: `depends_on cycle: ${cycle.join(' -> ')}. compose cannot start these services in any order (compose-go's loader refuses it).`,
        }),
      );
      return;
    }
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of edges.keys()) visit(name, []);
  return problems;
}

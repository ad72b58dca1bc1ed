import {isMap, isScalar, isSeq, type Node as YamlNode, type Scalar, type YAMLMap} from 'yaml';
import type {Problem} from '../../../guide-model/diagnostics.ts';
import {didYouMean} from '../../../guide-model/suggest.ts';
import type {ComposeSnippet} from '../compose-file.ts';
import type {ServiceCheck} from '../service-check.ts';
import {checkDmsSafety} from './safety.ts';
import {catalogueReleases, newestRelease, type DmsCatalogue, type DmsCatalogues, type ValueCheck} from './catalogue.ts';

/** Variables every container reads, whatever the image (the C library's time zone). */
export const containerVariables = ['TZ'];

export interface DmsImage {
  /** The catalogue the environment is checked against. */
  release: string;
  /** Why that one, when it is not the image's own release. */
  note?: string;
}

/**
 * The docker-mailserver release an image names, or undefined for another image.
 * A tag is checked against the newest catalogue of its major release or an
 * earlier one (v12 against v9.0.1); `tvial/docker-mailserver` (before v8)
 * against the oldest, the nearest.
 */
export function dmsImage(image: string): DmsImage | undefined {
  const match = /^(?:(?:docker\.io|ghcr\.io)\/)?(tvial|mailserver|docker-mailserver)\/docker-mailserver(?::([\w.-]+))?$/.exec(image);
  if (!match) return undefined;
  const [, owner, tag = 'latest'] = match;
  const oldest = catalogueReleases[0];
  if (owner === 'tvial') return {release: oldest, note: `tvial/docker-mailserver predates v8; checked against v${oldest}, the nearest catalogue`};
  const major = Number(/^v?(\d+)/.exec(tag)?.[1]);
  if (Number.isNaN(major)) return {release: newestRelease, note: `tag "${tag}" follows the newest release`};
  const release = [...catalogueReleases].reverse().find((candidate) => Number(candidate.split('.')[0]) <= major) ?? oldest;
  return tag.replace(/^v/, '') === release ? {release} : {release, note: `no catalogue for ${tag}; checked against v${release}`};
}

/** Image problems for any service: a moving tag, a retired image name. */
export function checkImage(compose: ComposeSnippet, image: Scalar): Problem[] {
  const name = String(image.value);
  const problems: Problem[] = [];
  const tag = /:([\w.-]+)$/.exec(name.split('/').at(-1) ?? '')?.[1];
  if (!tag || tag === 'latest') {
    problems.push(
      compose.at(image, {
        ruleId: 'compose/image-latest',
        severity: 'warning',
        reason: `Image "${name}" uses the moving tag "latest": a later pull can change what runs. Pin a release tag.`,
      }),
    );
  }
  if (/^(docker\.io\/)?tvial\/docker-mailserver/.test(name)) {
    problems.push(
      compose.at(image, {
        ruleId: 'compose/image-deprecated',
        severity: 'warning',
        reason: 'tvial/docker-mailserver is no longer published (since v8.0.0, 2021). Use ghcr.io/docker-mailserver/docker-mailserver or docker.io/mailserver/docker-mailserver.',
      }),
    );
  }
  return problems;
}

function valueProblem(check: ValueCheck, value: string): string | undefined {
  switch (check.kind) {
    case 'one-of':
      return check.values.includes(value) ? undefined : `must be one of ${check.values.map((v) => (v === '' ? '(empty)' : v)).join(', ')}`;
    case 'integer': {
      if (!/^-?\d+$/.test(value)) return 'must be a whole number';
      const number = Number(value);
      if (number < check.min) return `must be at least ${check.min}`;
      return check.max !== undefined && number > check.max ? `must be at most ${check.max}` : undefined;
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'must be a number';
    case 'email':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? undefined : 'must be a mail address';
    default:
      return undefined;
  }
}

export interface Variable {
  name: string;
  value: string;
  node: YamlNode;
  listForm: boolean;
}

export function variablesOf(environment: YamlNode | undefined): Variable[] {
  if (isSeq(environment)) {
    return environment.items.flatMap((item) => {
      if (!isScalar(item)) return [];
      const [name, ...rest] = String(item.value).split('=');
      return [{name, value: rest.join('='), node: item as YamlNode, listForm: true}];
    });
  }
  if (isMap(environment)) {
    return environment.items.flatMap((pair) =>
      isScalar(pair.key) ? [{name: String(pair.key.value), value: isScalar(pair.value) ? String(pair.value.value ?? '') : '', node: pair.key as YamlNode, listForm: false}] : [],
    );
  }
  return [];
}

/** Checks a docker-mailserver service's environment against the catalogue of its release. */
export function checkDmsEnvironment(compose: ComposeSnippet, service: YAMLMap, image: DmsImage, catalogues: DmsCatalogues): Problem[] {
  const catalogue: DmsCatalogue = catalogues.byRelease(image.release);
  const newest = catalogues.byRelease(newestRelease);
  const status = catalogues.status;
  const known = [...catalogue.variables.keys(), ...containerVariables];
  const problems: Problem[] = [];
  for (const {name, value, node, listForm} of variablesOf(service.get('environment', true) as YamlNode | undefined)) {
    const variable = catalogue.variables.get(name);
    if (!variable && !containerVariables.includes(name)) {
      const fate = status.get(name);
      const why = fate?.since ? ` It was removed in ${fate.since}${fate.replacement ? `; use ${fate.replacement} instead` : ''}.` : didYouMean(name, known);
      problems.push(compose.at(node, {ruleId: 'compose/env-unknown', reason: `docker-mailserver v${catalogue.release} has no variable ${name}.${why} Remove it or fix the name.`}));
      continue;
    }
    if (listForm && /^(['"]).*\1$/.test(value)) {
      problems.push(
        compose.at(node, {
          ruleId: 'compose/env-quoted',
          reason: `In list form, quotes are part of the value: ${name}=${value} sets ${name} to the characters ${value}, not to what they enclose. Write ${name}=${value.slice(1, -1)}.`,
        }),
      );
      continue;
    }
    // docker-mailserver reads its variables as `${VAR:=default}`: an empty value is the default.
    if (variable && value !== '') {
      const wrong = valueProblem(variable.check, value);
      if (wrong) {
        problems.push(
          compose.at(node, {ruleId: 'compose/env-invalid', reason: `${name}=${value}: the value ${wrong} (docker-mailserver v${catalogue.release}: ${variable.allowed}).`}),
        );
        continue;
      }
    }
    const fate = status.get(name);
    const gone = !newest.variables.has(name) && !containerVariables.includes(name);
    if (gone || /^(removed|renamed)/.test(fate?.statusNow ?? '')) {
      const replacement = fate?.replacement ? ` Instead: ${fate.replacement}.` : '';
      problems.push(
        compose.at(node, {
          ruleId: 'compose/env-deprecated',
          severity: 'warning',
          reason: `${name} is ${fate?.statusNow.split(/[:;]/)[0] ?? 'gone'} in docker-mailserver v${newestRelease}${fate?.since ? ` (since ${fate.since})` : ''}.${replacement}`,
        }),
      );
    }
  }
  problems.push(...checkDmsSafety(compose, variablesOf(service.get('environment', true) as YamlNode | undefined), catalogue));
  return problems;
}

/** The image's tag, on every service: a moving tag or a retired image name. */
export const imageTagCheck: ServiceCheck = ({compose, image}) => ({problems: checkImage(compose, image)});

/** docker-mailserver's environment, on a service running its image, against the catalogue of its release. */
export const dmsEnvironmentCheck: ServiceCheck = ({compose, service, image, rules}) => {
  const dms = dmsImage(String(image.value));
  if (!dms) return {problems: []};
  return {problems: checkDmsEnvironment(compose, service, dms, rules.catalogues), validator: `docker-mailserver v${dms.release} environment`};
};

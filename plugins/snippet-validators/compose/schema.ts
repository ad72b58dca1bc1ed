import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv';
import {isMap, isScalar, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {nodeAt, toComposeData, type ComposeSnippet} from './compose-file.ts';

// The compose-spec JSON schema as dclint ships it (its package does not export the file).
const dclintDir = path.dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
const dclintVersion: string = JSON.parse(readFileSync(path.join(dclintDir, 'package.json'), 'utf8')).version;

/** What the compose files were validated against, for messages and badges. */
export const composeSchemaVersion = `compose-spec (dclint ${dclintVersion})`;

let validate: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // The options dclint itself validates with: the schema uses union types and custom formats.
  validate ??= new Ajv({allErrors: true, strict: false, allowUnionTypes: true, logger: false, validateSchema: false}).compile(
    JSON.parse(readFileSync(path.join(dclintDir, 'schemas/compose.schema.json'), 'utf8')),
  );
  return validate;
}

/** Validates compose data against the schema; errors are placed at the nodes of `positions`. */
export function checkComposeSchema(data: unknown, positions: ComposeSnippet): Problem[] {
  const validateCompose = validator();
  if (validateCompose(data)) return [];
  const errors = mostSpecific(validateCompose.errors ?? []);
  return errors.map((error) => {
    const pathParts = error.instancePath.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const where = pathParts.join('.') || 'the file';
    const reason = extra
      ? `Unknown key "${extra}" in ${where}: the compose specification has no such setting. Check its spelling.`
      : `${where} ${error.message}${error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : ''}.`;
    const parent = nodeAt(positions, pathParts);
    // An unknown key is shown at the key itself, not at its value.
    const keyNode = extra && isMap(parent) ? (parent.items.find((pair) => isScalar(pair.key) && pair.key.value === extra)?.key as YamlNode | undefined) : undefined;
    return positions.at(keyNode ?? parent, {
      ruleId: 'compose/schema',
      reason: `${reason} (${composeSchemaVersion})`,
    });
  });
}

/** One error per instance path, the deepest ones: a oneOf lists every branch that failed. */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const relevant = errors.filter((error) => !['oneOf', 'anyOf', 'if'].includes(error.keyword));
  const deepest = relevant.filter((error) => !relevant.some((other) => other !== error && other.instancePath.startsWith(`${error.instancePath}/`)));
  const seen = new Set<string>();
  return deepest.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${error.params.additionalProperty ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export {toComposeData};

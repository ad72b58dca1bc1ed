import type {ErrorObject, ValidateFunction} from 'ajv';
import {isMap, isScalar, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {nodeAt, type ComposeSnippet} from './compose-file.ts';
import {checkConsistency} from './consistency.ts';
import {holdsVariable, interpolateData} from './interpolation.ts';

/**
 * The Ajv options dclint itself validates with (the schema uses union types
 * and custom formats), with Ajv's code optimizer off: it doubles the compile
 * time of the compose schema (to about 100 ms, in the build and in the
 * reader's browser) to speed up a validation that runs a few times per file.
 */
export const ajvOptions = {allErrors: true, strict: false, allowUnionTypes: true, logger: false, validateSchema: false, code: {optimize: false}} as const;

/**
 * Validates compose data as compose does: interpolated first (a value with a
 * variable is not judged by type or format), then the compose-spec schema,
 * then, when the schema passes, compose-go's consistency checks. Problems are
 * placed at the nodes of `positions`. Browser-safe: the values panel runs it too.
 */
export function checkComposeSchemaWith(validateCompose: ValidateFunction, schemaVersion: string, raw: unknown, positions: ComposeSnippet): Problem[] {
  const {data, variables} = interpolateData(raw);
  if (validateCompose(data)) return checkConsistency(data as Record<string, unknown>, positions, variables);
  const errors = mostSpecific(validateCompose.errors ?? []).filter((error) => !holdsVariable(variables, error.instancePath));
  // Every error sat on a value with a variable: the rest of the file is still checked.
  if (errors.length === 0) return checkConsistency(data as Record<string, unknown>, positions, variables);
  return errors.map((error) => {
    const pathParts = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
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
      reason: `${reason} (${schemaVersion})`,
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

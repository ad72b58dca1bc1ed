import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {Ajv, type ValidateFunction} from 'ajv';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {ComposeSnippet} from './compose-file.ts';
import {ajvOptions, checkComposeSchemaWith} from './schema-check.ts';

// The compose-spec JSON schema as dclint ships it (its package does not export the file).
const dclintDir = path.dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
const dclintVersion: string = JSON.parse(readFileSync(path.join(dclintDir, 'package.json'), 'utf8')).version;

/** What the compose files were validated against, for messages and badges. */
export const composeSchemaVersion = `compose-spec (dclint ${dclintVersion})`;

/** The schema file, also published for the browser's checks of the reader's values. */
export const composeSchemaFile = path.join(dclintDir, 'schemas/compose.schema.json');

let validate: ValidateFunction | undefined;
/** The compiled compose-spec schema (compiled once). */
export function composeSchemaValidator(): ValidateFunction {
  validate ??= new Ajv(ajvOptions).compile(JSON.parse(readFileSync(composeSchemaFile, 'utf8')));
  return validate;
}

/** Validates compose data against the schema; errors are placed at the nodes of `positions`. */
export function checkComposeSchema(data: unknown, positions: ComposeSnippet): Problem[] {
  return checkComposeSchemaWith(composeSchemaValidator(), composeSchemaVersion, data, positions);
}

import {assertUnique, dataDir, readRecords} from './data-file.ts';

/** How a state constrains publishing the port on the host (see port-states.yaml). */
export type Publishing = 'required' | 'loopback' | 'forbidden' | 'any';
export type Tone = 'warning' | 'danger' | 'info';

/** A state of the ports tables' Type column (`src/data/port-states.yaml`). */
export interface PortState {
  state: string;
  tone: Tone;
  published: Publishing;
  definition: string;
}

export const portStatesFile = new URL('port-states.yaml', dataDir);

const tones: readonly string[] = ['warning', 'danger', 'info'];
const publishing: readonly string[] = ['required', 'loopback', 'forbidden', 'any'];

/** The anchor of a state's definition on the glossary page. */
export function portStateAnchor(state: string): string {
  return `state-${state.toLowerCase()}`;
}

/** Reads and checks the port states; throws on a bad or repeated entry. */
export function loadPortStates(file: URL | string = portStatesFile): PortState[] {
  const records = readRecords(file, ['state', 'tone', 'published', 'definition']);
  assertUnique(
    file,
    records.map((record) => record.state),
    'state',
  );
  for (const {state, tone, published} of records) {
    if (!tones.includes(tone)) throw new Error(`${file}: state ${state} has tone "${tone}"; use one of ${tones.join(', ')}`);
    if (!publishing.includes(published)) throw new Error(`${file}: state ${state} has published "${published}"; use one of ${publishing.join(', ')}`);
  }
  return records as PortState[];
}

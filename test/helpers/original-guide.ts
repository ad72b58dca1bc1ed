/**
 * Facts of the original guide (its `ports::` rows), written down once for the
 * tests that check the carried-over table: the model, the built HTML, the browser.
 */
export const originalEmailPorts: ReadonlyArray<[port: string, protocol: string, state: string]> = [
  ['25', 'TCP', 'PUBLIC'],
  ['110', 'TCP', 'DISABLE'],
  ['143', 'TCP', 'DISABLE'],
  ['465', 'TCP', 'DISABLE'],
  ['587', 'TCP', 'EXPOSED'],
  ['993', 'TCP', 'EXPOSED'],
  ['995', 'TCP', 'DISABLE'],
];

import {describe, expect, it} from 'vitest';
import {dmsImage} from '../compose/dms/environment.ts';

// Which catalogue (plugins/validators/compose/dms/env-v*.tsv) an image's tag is checked against.
describe('the docker-mailserver release of an image', () => {
  it.each([
    ['mailserver/docker-mailserver:9.0.1', '9.0.1', false],
    ['mailserver/docker-mailserver:12.1.0', '9.0.1', true],
    ['docker.io/mailserver/docker-mailserver:15.0.0', '15.1.0', true],
    ['ghcr.io/docker-mailserver/docker-mailserver:16.0.1', '16.0.1', false],
    ['ghcr.io/docker-mailserver/docker-mailserver:v16.0.1', '16.0.1', false],
    ['ghcr.io/docker-mailserver/docker-mailserver:17.2.0', '16.0.1', true],
    ['ghcr.io/docker-mailserver/docker-mailserver:edge', '16.0.1', true],
    ['tvial/docker-mailserver:latest', '9.0.1', true],
  ])('%s is checked against v%s', (image, release, noted) => {
    const found = dmsImage(image);
    expect(found?.release).toBe(release);
    expect(found?.note !== undefined).toBe(noted);
  });

  it('leaves other images alone', () => {
    expect(dmsImage('crazymax/fail2ban:1.0.2')).toBeUndefined();
  });
});

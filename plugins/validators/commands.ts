import type {Code, InlineCode} from 'mdast';
import {parse as parseShell} from 'shell-quote';
import {visit} from 'unist-util-visit';
import type {Problem} from '../guide-model/diagnostics.ts';
import type {GuidePage} from '../guide-model/page.ts';
import {didYouMean} from '../guide-model/suggest.ts';
import {dmsImage} from './compose/dms/environment.ts';
import {parseMount} from './compose/service-data.ts';

/** The containers and services a page's commands may name: from its compose files and the pages it links to. */
export interface CommandContext {
  /** `container_name` of each service, by service. */
  containers: Map<string, string | undefined>;
  /** The docker-mailserver release the compose files pin, if any. */
  dmsRelease?: string;
  /** The docker-mailserver images the compose files run. */
  dmsImages: string[];
  /** Host folders mounted as docker-mailserver's configuration (`/tmp/docker-mailserver`). */
  configFolders: string[];
}

/** The context from compose data (`{services: {...}}`) of the files in reach of a page. */
export function commandContext(files: ReadonlyArray<{services?: Record<string, Record<string, unknown>>}>): CommandContext {
  const containers = new Map<string, string | undefined>();
  let dmsRelease: string | undefined;
  const dmsImages: string[] = [];
  const configFolders: string[] = [];
  for (const file of files) {
    for (const [name, service] of Object.entries(file.services ?? {})) {
      if (!containers.get(name)) containers.set(name, typeof service.container_name === 'string' ? service.container_name : undefined);
      const dms = typeof service.image === 'string' ? dmsImage(service.image) : undefined;
      if (!dms) continue;
      dmsRelease = dms.release;
      dmsImages.push(service.image as string);
      const mounts = Array.isArray(service.volumes) ? service.volumes.map(parseMount) : [];
      for (const mount of mounts) if (mount?.source && mount.target.replace(/\/$/, '') === '/tmp/docker-mailserver') configFolders.push(mount.source.replace(/\/$/, ''));
    }
  }
  return {containers, dmsRelease, dmsImages, configFolders};
}

const shellLanguages = ['bash', 'sh', 'shell', 'console'];

/** Commands the docker-mailserver image gained in a release (CHANGELOG.md). */
const dmsCommandSince: Record<string, string> = {setup: '10.2.0'};

const newer = (release: string, than: string) =>
  release
    .split('.')
    .map(Number)
    .reduce((order, part, index) => order || part - Number(than.split('.')[index] ?? 0), 0) < 0;

/**
 * Checks the shell commands a page gives (shell code blocks and inline code
 * starting with `docker` or `./setup.sh`): a container named by `docker exec`,
 * `docker restart` or `setup.sh -c` must be the `container_name` of a service
 * in the compose files, a service named by `docker compose exec` must exist,
 * a command run inside docker-mailserver must exist in the pinned release, and
 * `setup.sh` without a running container must use the pinned image and the
 * mounted configuration folder.
 */
export function checkCommands(page: GuidePage, context: CommandContext): Problem[] {
  const problems: Problem[] = [];
  const names = [...context.containers.values()].filter((name): name is string => Boolean(name));
  const services = [...context.containers.keys()];
  const check = (command: string, place: Problem['place']) => {
    const words = parseShell(command).map((word) => (typeof word === 'string' ? word : '\u0000'));
    const problem = (reason: string) => problems.push({ruleId: 'command/unknown-target', reason, place});
    const containerAt = (index: number) => {
      const name = words[index];
      if (!name || name === '\u0000' || names.includes(name)) return;
      const service = context.containers.has(name) ? ` Service "${name}" has no container_name, so compose names its container after the project folder.` : '';
      problem(
        `\`${command.trim()}\` names container "${name}", which no compose file of this guide creates.${service}${didYouMean(name, names)} Containers: ${names.join(', ') || 'none'}; set container_name in the compose file or fix the name.`,
      );
    };
    for (let index = 0; index < words.length; index += 1) {
      const [first, second] = [words[index], words[index + 1]];
      if (first === 'docker' && ['exec', 'restart', 'logs', 'stop', 'start'].includes(second)) {
        let at = index + 2;
        while (words[at]?.startsWith('-')) at += ['-e', '--env', '-u', '--user', '-w', '--workdir'].includes(words[at]) ? 2 : 1;
        containerAt(at);
        const inside = words[at + 1];
        const since = second === 'exec' ? dmsCommandSince[inside] : undefined;
        if (since && context.dmsRelease && newer(context.dmsRelease, since)) {
          problem(
            `\`${inside}\` is a command of the docker-mailserver image only since v${since}; the compose file pins v${context.dmsRelease}. Use the release's ./setup.sh script instead.`,
          );
        }
      } else if ((first === 'docker' && second === 'compose' && words[index + 2] === 'exec') || (first === 'docker-compose' && second === 'exec')) {
        const service = words[index + (first === 'docker' ? 3 : 2)];
        if (service && !services.includes(service))
          problem(`\`${command.trim()}\` names service "${service}", which no compose file of this guide defines.${didYouMean(service, services)}`);
      } else if (/(^|\/)setup\.sh$/.test(first) && (index === 0 || words[index - 1] === '\u0000') && words.length > index + 1) {
        checkSetupScript(words, index + 1, containerAt, problem, command.trim());
      }
    }
  };
  /**
   * `setup.sh` of v9 runs a command in the running container named by `-c`,
   * or else in a temporary container of the image `-i` (by default
   * docker-mailserver:latest) on the configuration folder `-p`.
   */
  const checkSetupScript = (words: string[], start: number, containerAt: (index: number) => void, problem: (reason: string) => void, command: string) => {
    const options = new Map<string, string>();
    for (let at = start; at + 1 < words.length && /^-[cip]$/.test(words[at]); at += 2) {
      options.set(words[at], words[at + 1]);
      if (words[at] === '-c') containerAt(at + 1);
    }
    if (options.has('-c') || context.dmsImages.length === 0) return;
    const image = options.get('-i');
    if (!image || !context.dmsImages.includes(image)) {
      problem(
        `\`${command}\` runs ${image ? `image ${image}` : "docker-mailserver:latest, setup.sh's default image"}, not the image the compose file pins. Add -i ${context.dmsImages[0]}, or -c with the running container.`,
      );
    }
    const folder = options.get('-p');
    if (context.configFolders.length > 0 && (!folder || !context.configFolders.includes(folder.replace(/\/$/, '')))) {
      problem(
        `\`${command}\` works on ${folder ? `the folder ${folder}` : "setup.sh's own ./config folder"}, not the configuration folder the compose file mounts. Add -p ${context.configFolders[0]}.`,
      );
    }
  };
  visit(page.tree, (node) => {
    if (node.type === 'code' && shellLanguages.includes((node as Code).lang ?? '')) {
      const code = node as Code;
      const start = code.position?.start.line ?? 0;
      code.value.split('\n').forEach((line, index) => {
        if (line.trim() && !line.trim().startsWith('#')) check(line, {line: start + 1 + index, column: code.position?.start.column ?? 1});
      });
    } else if (node.type === 'inlineCode' && /^(docker |\.\/setup\.sh )/.test((node as InlineCode).value)) {
      check((node as InlineCode).value, node.position?.start);
    }
  });
  return problems;
}

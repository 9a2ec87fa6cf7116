/** No Docker engine runs here, so this test keeps the Dockerfile honest by reading it. */
import { existsSync, readFileSync } from 'node:fs';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('copies only files that exist in the repository', () => {
    const sources = instructions
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect([source, existsSync(source)]).toEqual([source, true]);
  });

  it('builds with npm ci and npm run build, and runs the compiled CLI', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(pkg.scripts.build).toContain('tsc');
    const entry = /ENTRYPOINT \[(.*)\]/.exec(dockerfile)?.[1] ?? '';
    const script = (JSON.parse(`[${entry}]`) as string[]).find((part) => part.endsWith('.js'));
    expect(script).toBe('/app/dist/src/cli/main.js');
    // dist/src/cli/main.js is what tsc emits for src/cli/main.ts with rootDir "." and outDir "dist".
    expect(existsSync('src/cli/main.ts')).toBe(true);
    expect(pkg.bin.scoresync).toBe('dist/src/cli/main.js');
  });

  it('runs as a non-root user with config and state as volumes', () => {
    expect(instructions.some((l) => /^USER (?!root)\w+/.test(l))).toBe(true);
    expect(dockerfile).toMatch(/VOLUME \[.*\/data.*\]/);
  });

  it('runs `serve` on every interface with a health check on /healthz, the CLI still behind the entry point', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual(['serve', '--host', '0.0.0.0']);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \[.*\/healthz/m);
    // The entry point is the CLI itself, so `docker run image run` or `… validate` replace serve.
    expect(/ENTRYPOINT \[(.*)\]/.exec(dockerfile)?.[1]).not.toContain('serve');
  });
});

// npm start: build everything (pipeline, geo, dashboard) and serve dist/ on localhost; prints the URL.
// PORT=8080 npm start picks the port; --no-build serves an existing dist/.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, reportBuildError } from './build.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!args.includes('--no-build')) await build().catch((e) => process.exit(reportBuildError(e)));
const { preview } = await import('vite');
const server = await preview({
  configFile: join(root, 'vite.config.ts'),
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: false, open: false },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${process.env.PORT ?? 4173}/`;
console.log(`ISV dashboard: ${url}`);

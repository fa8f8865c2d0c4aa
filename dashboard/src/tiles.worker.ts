// Loaded into MapLibre's worker (importScriptInWorkers): the worker reads its tiles from the packs itself.
import { TILE_PROTOCOL, tileLoader } from './tiles.ts';

// this module is built into assets/, beside the data folder (a computed path, so the bundler leaves it alone)
const dataDir = ['..', 'data', ''].join('/');
const loader = tileLoader(new URL(dataDir, import.meta.url).href);
(self as unknown as { addProtocol(name: string, load: typeof loader.load): void }).addProtocol(TILE_PROTOCOL, (params) => loader.load(params));

// Loaded into MapLibre's own workers through its documented extension point `importScriptInWorkers` (map.ts):
// the worker then fetches and cuts its tiles from the packs itself, without a round trip through the page.
import type { WorkerGlobalScopeInterface } from 'maplibre-gl';
import { TILE_PROTOCOL, tileLoader } from './tiles.ts';

// this module is built into assets/, beside the data folder (a computed path, so the bundler leaves it alone)
const dataDir = ['..', 'data', ''].join('/');
(self as unknown as WorkerGlobalScopeInterface).addProtocol(TILE_PROTOCOL, tileLoader(new URL(dataDir, import.meta.url).href).load);

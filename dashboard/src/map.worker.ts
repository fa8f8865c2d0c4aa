// MapLibre's worker, with the tile loader (tiles.ts) registered before the worker handles its first message: the
// worker fetches and cuts its tiles from the packs itself, without a round trip through the page's main thread.
import MapLibreWorker from 'maplibre-gl/dist/maplibre-gl-worker.mjs';
import { TILE_PROTOCOL, tileLoader } from './tiles.ts';

// what MapLibre's worker module does when it is loaded as the worker itself (maplibre-gl declares its dist files
// free of side effects, so the bundler may drop that statement)
const scope = self as unknown as { worker?: unknown; addProtocol(name: string, load: (params: { url: string }) => Promise<{ data: ArrayBuffer }>): void };
scope.worker ??= new (MapLibreWorker as unknown as new (self: unknown) => unknown)(self);

// this module is built into assets/, beside the data folder (a computed path, so the bundler leaves it alone)
const dataDir = ['..', 'data', ''].join('/');
const loader = tileLoader(new URL(dataDir, import.meta.url).href);
scope.addProtocol(TILE_PROTOCOL, (params) => loader.load(params));

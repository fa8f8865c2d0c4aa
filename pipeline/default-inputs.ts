import path from 'node:path';
import { REPO_ROOT } from './methodology.ts';

/**
 * The inputs of the default build (`npm run build`, `npm start`): the official ISV 2023 workbook and the real
 * EKČR persons in exekuce of 2016, 2017, 2019, 2021 and 2022 (partial years: zadluženost only). Nothing synthetic.
 */
export const OFFICIAL_WORKBOOK = path.join(REPO_ROOT, 'data/asz-isv-2023/Index-socialniho-vylouceni-2023.xlsx');
export const EXEKUCE_INPUTS = ['mapa-exekuci-obce22.xlsx', 'ekcr-obce-2021.xlsx', 'ekcr-open-data-obce-2022.csv'].map((f) => path.join(REPO_ROOT, 'data/ekcr-exekuce-obce', f));
export const DEFAULT_INPUTS: readonly string[] = [OFFICIAL_WORKBOOK, ...EXEKUCE_INPUTS];

/**
 * The official table has no ORP for Praha (the capital is its own administrative district) and writes „X-X-X“ in
 * the ORP name column; the dashboard and the download file names call it „Praha“. The CSV and XLSX cells keep the
 * official value.
 */
export const PRAHA_ORP_PLACEHOLDER = 'X-X-X';
export const orpDisplayName = (nazev: string): string => (nazev.trim() === PRAHA_ORP_PLACEHOLDER ? 'Praha' : nazev);

/** Settings of the health service beyond the base ones (see shared/config.ts). */
export const settings = {};

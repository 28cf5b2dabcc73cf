/** Settings of the intelligence service beyond the base ones (see shared/config.ts). */
export const settings = {};

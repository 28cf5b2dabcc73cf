/** Settings of the user service beyond the base ones (see shared/config.ts). */
export const settings = {};

/** Settings of the batch service beyond the base ones (see shared/config.ts). */
export const settings = {};

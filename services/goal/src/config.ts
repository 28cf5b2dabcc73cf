/** Settings of the goal service beyond the base ones (see shared/config.ts). */
export const settings = {};

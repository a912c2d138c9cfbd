/** 落户政策: the settlement policy engine and the seed documents as versioned data (see README.md). */
export * from './application';
export * from './categories';
export * from './conditions';
export * from './content-hash';
export * from './decision';
export * from './documents';
export * from './evaluate';
export * from './floors';
export * from './followers';
export * from './model';
export * from './points';
export * from './regions';
export * from './select';
export * from './validate';

import * as migration_20261123_053921_initial from './20261123_053921_initial';

export const migrations = [
  {
    up: migration_20261123_053921_initial.up,
    down: migration_20261123_053921_initial.down,
    name: '20261123_053921_initial'
  },
];

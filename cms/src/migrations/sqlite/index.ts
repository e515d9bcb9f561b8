import * as migration_20261123_053921_initial from './20261123_053921_initial';
import * as migration_20261123_090541_scheduled_publish from './20261123_090541_scheduled_publish';
import * as migration_20261129_115040_audit_events from './20261129_115040_audit_events';

export const migrations = [
  {
    up: migration_20261123_053921_initial.up,
    down: migration_20261123_053921_initial.down,
    name: '20261123_053921_initial',
  },
  {
    up: migration_20261123_090541_scheduled_publish.up,
    down: migration_20261123_090541_scheduled_publish.down,
    name: '20261123_090541_scheduled_publish',
  },
  {
    up: migration_20261129_115040_audit_events.up,
    down: migration_20261129_115040_audit_events.down,
    name: '20261129_115040_audit_events'
  },
];

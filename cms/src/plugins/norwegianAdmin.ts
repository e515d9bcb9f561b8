import { deepMergeSimple, type CollectionConfig, type Plugin } from 'payload'

import { NB_TRANSLATIONS } from '../admin/norwegian'
import { REPORT_TIME_ZONE } from '../lib/dates'

const PUBLISH_BUTTON = '/components/publish/PublishButton#PublishButton'

const schedulesPublishing = (collection: CollectionConfig): boolean => {
  const drafts = typeof collection.versions === 'object' ? collection.versions.drafts : undefined
  return typeof drafts === 'object' && Boolean(drafts.schedulePublish)
}

/**
 * The Norwegian publish button (and schedule drawer) for a collection that can schedule, unless
 * the collection has a publish button of its own (the chapters' pre-publish check, which wraps it).
 */
const withNorwegianScheduling = (collection: CollectionConfig): CollectionConfig =>
  schedulesPublishing(collection) && !collection.admin?.components?.edit?.PublishButton
    ? {
        ...collection,
        admin: {
          ...collection.admin,
          components: {
            ...collection.admin?.components,
            edit: { ...collection.admin?.components?.edit, PublishButton: PUBLISH_BUTTON },
          },
        },
      }
    : collection

/**
 * The admin in Norwegian throughout (admin/norwegian.ts): Payload's translations completed,
 * Norwegian in place of the English Payload writes without them, scheduling on Oslo time with
 * a 24-hour clock, and «Min konto» in the nav for those who see only their own account.
 */
export const norwegianAdmin: Plugin = (config) => ({
  ...config,
  admin: {
    ...config.admin,
    timezones: {
      supportedTimezones: [{ label: 'Oslo (norsk tid)', value: REPORT_TIME_ZONE }],
      defaultTimezone: REPORT_TIME_ZONE,
    },
    components: {
      ...config.admin?.components,
      providers: [...(config.admin?.components?.providers ?? []), '/components/AdminLanguage#AdminLanguage'],
      afterNavLinks: [
        ...(config.admin?.components?.afterNavLinks ?? []),
        '/components/MyAccountNavLink#MyAccountNavLink',
      ],
    },
  },
  i18n: {
    ...config.i18n,
    translations: deepMergeSimple(config.i18n?.translations ?? {}, { nb: NB_TRANSLATIONS }),
  },
  collections: config.collections?.map(withNorwegianScheduling),
})

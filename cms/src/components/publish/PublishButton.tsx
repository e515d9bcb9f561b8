'use client'

import {
  FormSubmit,
  PopupList,
  useConfig,
  useDocumentInfo,
  useForm,
  useFormModified,
  useModal,
  useTranslation,
} from '@payloadcms/ui'
import { formatAdminURL, hasScheduledPublishEnabled } from 'payload/shared'
import { useCallback } from 'react'

import { ScheduleDrawer } from './ScheduleDrawer'

/**
 * Payload's «Publiser endringer» button as this project uses it (no locales, no uploads, no
 * autosave), with «Planlegg publisering» in its menu opening the Norwegian schedule drawer:
 * Oslo time on a 24-hour clock.
 */
export const PublishButton = () => {
  const {
    id,
    collectionSlug,
    hasPublishedDoc,
    hasPublishPermission,
    setHasPublishedDoc,
    setUnpublishedVersionCount,
    unpublishedVersionCount,
  } = useDocumentInfo()
  const { config, getEntityConfig } = useConfig()
  const { submit } = useForm()
  const modified = useFormModified()
  const { isModalOpen, toggleModal } = useModal()
  const { t } = useTranslation()
  const drawerSlug = `schedule-publish-${id}`
  const entityConfig = collectionSlug ? getEntityConfig({ collectionSlug }) : undefined
  const hasNewerVersions = unpublishedVersionCount > 0
  const canPublish = hasPublishPermission && (modified || hasNewerVersions || !hasPublishedDoc)
  const canSchedule = Boolean(
    entityConfig &&
    hasScheduledPublishEnabled(entityConfig) &&
    hasPublishPermission &&
    collectionSlug &&
    id &&
    !modified,
  )

  const publish = useCallback(async () => {
    const action = formatAdminURL({
      apiRoute: config.routes.api,
      path: `/${collectionSlug}${id ? `/${id}` : ''}?depth=0`,
    })
    const result = await submit({ action, overrides: { _status: 'published' } })
    if (result) {
      setUnpublishedVersionCount(0)
      setHasPublishedDoc(true)
    }
  }, [config.routes.api, collectionSlug, id, submit, setUnpublishedVersionCount, setHasPublishedDoc])

  if (!hasPublishPermission) return null
  const schedule =
    entityConfig?.versions && typeof entityConfig.versions === 'object' ? entityConfig.versions.drafts : undefined
  const scheduleConfig =
    schedule && typeof schedule === 'object' && typeof schedule.schedulePublish === 'object'
      ? schedule.schedulePublish
      : undefined
  return (
    <>
      <FormSubmit
        buttonId="action-save"
        disabled={!canPublish}
        enableSubMenu={canSchedule}
        onClick={publish}
        size="medium"
        SubMenuPopupContent={
          canSchedule
            ? ({ close }) => (
                <PopupList.ButtonGroup>
                  <PopupList.Button id="schedule-publish" onClick={() => [toggleModal(drawerSlug), close()]}>
                    {t('version:schedulePublish')}
                  </PopupList.Button>
                </PopupList.ButtonGroup>
              )
            : undefined
        }
        type="button"
      >
        {t('version:publishChanges')}
      </FormSubmit>
      {canSchedule && isModalOpen(drawerSlug) && (
        <ScheduleDrawer
          defaultType={hasNewerVersions ? 'publish' : 'unpublish'}
          slug={drawerSlug}
          timeIntervals={scheduleConfig?.timeIntervals ?? 5}
        />
      )}
    </>
  )
}

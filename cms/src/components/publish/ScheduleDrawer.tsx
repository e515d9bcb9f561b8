'use client'

import {
  Banner,
  Button,
  DatePicker,
  Drawer,
  FieldLabel,
  Gutter,
  Pill,
  ShimmerEffect,
  TimezonePicker,
  toast,
  useConfig,
  useDocumentInfo,
  useDocumentTitle,
  useServerFunctions,
  useTranslation,
} from '@payloadcms/ui'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { REPORT_TIME_ZONE } from '../../lib/dates'
import { instantFromOsloClockAsLocal, osloClockAsLocal, osloDateTime, osloWallClock } from '../../lib/osloClock'

type Upcoming = {
  id: number | string
  waitUntil: Date | string
  input: { type?: 'publish' | 'unpublish'; timezone?: string }
}

/** A time in Oslo, on a 24-hour clock, in the picker's field. */
const DISPLAY_FORMAT = "d. MMMM yyyy 'kl.' HH:mm"

/**
 * Payload's schedule drawer in Norwegian: the picker shows and takes Oslo time on a 24-hour
 * clock in the configured steps, the time zone is Europe/Oslo, and each upcoming event says
 * when, in Oslo time. Scheduling goes through the same server function as Payload's drawer
 * (this project's, with its rules in front: jobs/schedulePublish.ts).
 */
export const ScheduleDrawer = ({
  slug,
  defaultType,
  timeIntervals,
}: {
  slug: string
  defaultType: 'publish' | 'unpublish'
  timeIntervals: number
}) => {
  const { config } = useConfig()
  const { id, collectionSlug } = useDocumentInfo()
  const { title } = useDocumentTitle()
  const { t } = useTranslation()
  const { getUpcomingScheduledPublish, schedulePublish } = useServerFunctions()
  const [type, setType] = useState(defaultType)
  const [date, setDate] = useState<Date | null>(null)
  const [processing, setProcessing] = useState(false)
  const [upcoming, setUpcoming] = useState<Upcoming[] | null>(null)
  const supported = config.admin.timezones?.supportedTimezones ?? []
  const timezone = config.admin.timezones?.defaultTimezone ?? REPORT_TIME_ZONE

  const fetchUpcoming = useCallback(async () => {
    const docs = await getUpcomingScheduledPublish({ id, collectionSlug })
    setUpcoming(docs ?? [])
  }, [getUpcomingScheduledPublish, id, collectionSlug])
  useEffect(() => {
    void fetchUpcoming()
  }, [fetchUpcoming])

  /** Sends a request to the server function; a refusal comes back as `{ error }`. */
  const send = useCallback(
    async (args: Parameters<typeof schedulePublish>[0], success: string) => {
      setProcessing(true)
      try {
        const result = (await schedulePublish(args)) as { error?: string } | undefined
        if (result && typeof result === 'object' && result.error) toast.error(result.error)
        else {
          toast.success(success)
          setDate(null)
          await fetchUpcoming()
        }
      } catch (error) {
        toast.error((error as Error).message)
      }
      setProcessing(false)
    },
    [schedulePublish, fetchUpcoming],
  )

  const save = () => {
    if (!date) return void toast.error(t('general:noDateSelected'))
    void send(
      { type, date, doc: collectionSlug ? { relationTo: collectionSlug, value: String(id) } : undefined, timezone },
      t('version:scheduledSuccessfully'),
    )
  }

  // The picker works in the browser's zone: it gets and gives Oslo's wall clock.
  const now = new Date()
  const nowInOslo = osloClockAsLocal(now)
  const shown = date ? osloClockAsLocal(date) : undefined
  const sameDay =
    shown &&
    osloWallClock(date!).day === osloWallClock(now).day &&
    shown.getMonth() === nowInOslo.getMonth() &&
    shown.getFullYear() === nowInOslo.getFullYear()
  const minTime = useMemo(() => {
    const start = new Date(nowInOslo)
    if (!sameDay) start.setHours(0, 0, 0, 0)
    return start
  }, [sameDay, nowInOslo.getTime()]) // eslint-disable-line react-hooks/exhaustive-deps
  const maxTime = new Date(nowInOslo)
  maxTime.setHours(23, 59, 59, 999)
  const heading = t('general:schedulePublishFor', { title })

  return (
    <Drawer className="schedule-publish" gutter={false} slug={slug} title={heading}>
      <Gutter className="schedule-publish__scheduler">
        <FieldLabel label={t('version:type')} required />
        <ul className="schedule-publish__type">
          {(['publish', 'unpublish'] as const).map((value) => (
            <li key={value}>
              <label className="schedule-publish__radio">
                <input
                  checked={type === value}
                  disabled={processing}
                  name={`${slug}-type`}
                  onChange={() => setType(value)}
                  type="radio"
                  value={value}
                />{' '}
                {t(value === 'publish' ? 'version:publish' : 'version:unpublish')}
              </label>
            </li>
          ))}
        </ul>
        <br />
        <FieldLabel label="Tidspunkt (norsk tid)" path="time" required />
        <DatePicker
          displayFormat={DISPLAY_FORMAT}
          id="time"
          maxTime={maxTime}
          minDate={nowInOslo}
          minTime={minTime}
          onChange={(picked) => setDate(picked ? instantFromOsloClockAsLocal(picked) : null)}
          overrides={{ timeCaption: 'Klokkeslett' }}
          pickerAppearance="dayAndTime"
          readOnly={processing}
          timeFormat="HH:mm"
          timeIntervals={timeIntervals}
          value={shown}
        />
        {supported.length > 0 && (
          <TimezonePicker
            id="timezone-picker"
            onChange={() => undefined}
            options={supported}
            selectedTimezone={timezone}
          />
        )}
        <br />
        <div className="schedule-publish__actions">
          <Button buttonStyle="primary" disabled={processing} id="scheduled-publish-save" onClick={save} type="button">
            {t('general:save')}
          </Button>
          {processing ? <span>{t('general:saving')}</span> : null}
        </div>
      </Gutter>
      <Gutter className="schedule-publish__upcoming">
        <h4>{t('general:upcomingEvents')}</h4>
        {!upcoming && <ShimmerEffect />}
        {upcoming?.length === 0 && <Banner type="info">{t('general:noUpcomingEventsScheduled')}</Banner>}
        {upcoming && upcoming.length > 0 && (
          <table className="schedule-publish__events">
            <thead>
              <tr>
                <th scope="col">{t('version:type')}</th>
                <th scope="col">Tidspunkt (norsk tid)</th>
                <th scope="col">{t('general:timezone')}</th>
                <th scope="col">
                  <span className="schedule-publish__vh">{t('general:delete')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {upcoming.map((doc) => (
                <tr key={doc.id}>
                  <td>
                    <Pill pillStyle={doc.input?.type === 'publish' ? 'success' : 'warning'} size="small">
                      {t(doc.input?.type === 'unpublish' ? 'version:unpublish' : 'version:publish')}
                    </Pill>
                  </td>
                  <td>{osloDateTime(doc.waitUntil)}</td>
                  <td>
                    {supported.find((z) => z.value === (doc.input?.timezone ?? REPORT_TIME_ZONE))?.label ??
                      doc.input?.timezone ??
                      REPORT_TIME_ZONE}
                  </td>
                  <td>
                    <Button
                      buttonStyle="icon-label"
                      className="schedule-publish__delete"
                      disabled={processing}
                      icon="x"
                      onClick={() => void send({ deleteID: doc.id }, t('general:deletedSuccessfully'))}
                      tooltip={t('general:delete')}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Gutter>
    </Drawer>
  )
}

import { Gutter, Pill, SetDocumentStepNav } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'
import type { ReactNode } from 'react'

import { canPublish, isAdminUser, roleOf } from '../../access/roles'
import { AUDIT_ACTIONS, actorLabel, type AuditAction } from '../../audit/actions'
import { VERSION_LIST_FIELDS, versionRows, type VersionEvent } from '../../collections/Chapters/versionList'
import { norwegianDay } from '../../lib/dates'
import { COLLECTIONS } from '../../lib/slugs'
import { RestoreVersionButton } from './RestoreVersionButton'
import './chapterVersions.scss'

const dateTime = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' })
const day = (iso: string | null) => (iso ? norwegianDay(iso.slice(0, 10)) : '–')
const publishedDay = (iso: string | null) =>
  iso ? day(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(iso))) : '–'

type AuditEvent = VersionEvent & { id: number | string; at: string; summary?: string | null }

/** One of the view's tables, with its column headings; `empty` instead when it has no rows. */
const VersionsTable = ({
  testId,
  empty,
  headings,
  rows,
}: {
  testId: string
  empty: string
  headings: ReactNode[]
  rows: ReactNode[]
}) =>
  rows.length === 0 ? (
    <p>{empty}</p>
  ) : (
    <div className="chapter-versions__table-wrap">
      <table className="chapter-versions__table" data-testid={testId}>
        <thead>
          <tr>
            {headings.map((heading, i) => (
              <th key={i} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  )

/**
 * A chapter's «Versjoner» tab: the published versions by the numbers readers see («versjon N»),
 * each with its own «Publisert» and «Siste faglige endring», update type, change note and who
 * published it, and a restore that makes the next version; the drafts apart below; and, for
 * administrators, the chapter's audit trail. Each entry links to Payload's view of that version,
 * which compares it with the one before.
 */
export const ChapterVersionsView = async ({ initPageResult }: DocumentViewServerProps) => {
  const { req, docID } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  const user = req.user
  if (!roleOf(user) || docID === undefined || docID === null)
    return <Gutter>Du har ikke tilgang til versjonene.</Gutter>

  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { parent: { equals: docID } },
    sort: '-updatedAt',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user,
    req,
    select: {
      updatedAt: true,
      autosave: true,
      version: VERSION_LIST_FIELDS,
    },
  })
  // Who published each version comes from the audit trail; the events themselves are for administrators.
  const events: AuditEvent[] = (
    await req.payload.find({
      collection: COLLECTIONS.auditEvents,
      where: { and: [{ docCollection: { equals: COLLECTIONS.chapters } }, { docId: { equals: String(docID) } }] },
      sort: '-at',
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs
  const { published, drafts } = versionRows(docs, events)
  const next = (published[0]?.revision ?? 0) + 1
  const versionHref = (versionId: number | string) =>
    `${adminRoute}/collections/${COLLECTIONS.chapters}/${docID}/versions/${versionId}`
  const mayPublish = canPublish(user)
  const shownDrafts = drafts.slice(0, 20)

  return (
    <Gutter className="chapter-versions">
      <SetDocumentStepNav
        collectionSlug={COLLECTIONS.chapters}
        id={docID}
        pluralLabel="Kapitler"
        useAsTitle="title"
        view="Versjoner"
      />
      <h2 className="chapter-versions__heading">Publiserte versjoner</h2>
      <p className="chapter-versions__intro">
        Versjonsnumrene er de leserne ser («versjon N»). Hver publisering er en ny versjon; en gjenoppretting publiserer
        innholdet fra en eldre versjon som versjon {next}, og ingenting blir overskrevet.
      </p>
      <VersionsTable
        testId="published-versions"
        empty="Kapitlet er ikke publisert ennå."
        headings={[
          'Versjon',
          'Publisert',
          'Siste faglige endring',
          'Type endring',
          'Endringsmerknad',
          'Publisert av',
          <span className="chapter-versions__vh">Handling</span>,
        ]}
        rows={published.map((row) => (
          <tr key={String(row.versionId)} data-revision={row.revision}>
            <td className="chapter-versions__number">
              <a href={versionHref(row.versionId)}>Versjon {row.revision}</a>
              {row.current && (
                <Pill pillStyle="success" size="small" className="chapter-versions__current">
                  Gjeldende
                </Pill>
              )}
            </td>
            <td data-column="publishedAt">
              {row.publishedAt ? (
                <time dateTime={row.publishedAt} title={dateTime.format(new Date(row.publishedAt))}>
                  {publishedDay(row.publishedAt)}
                </time>
              ) : (
                '–'
              )}
            </td>
            <td data-column="lastProfessionalChange">{day(row.lastProfessionalChange)}</td>
            <td data-column="updateType">{row.updateTypeLabel}</td>
            <td data-column="changeNote">{row.changeNote ?? '–'}</td>
            <td data-column="publishedBy">{row.publishedBy ?? 'Ukjent'}</td>
            <td className="chapter-versions__action">
              {!row.current && (
                <RestoreVersionButton
                  chapterId={docID}
                  versionId={row.versionId}
                  revision={row.revision}
                  nextRevision={next}
                  publishedDay={publishedDay(row.publishedAt)}
                  lastProfessionalChangeDay={day(row.lastProfessionalChange)}
                  updateTypeLabel={row.updateTypeLabel}
                  mode={mayPublish ? 'publish' : 'draft'}
                />
              )}
            </td>
          </tr>
        ))}
      />

      <h2 className="chapter-versions__heading">Utkast</h2>
      <p className="chapter-versions__intro">
        Utkast er ikke publisert og vises ikke for leserne. De får versjonsnummer først når de publiseres.
      </p>
      {drafts.length === 0 ? (
        <p>Ingen utkast.</p>
      ) : (
        <ul className="chapter-versions__drafts" data-testid="draft-versions">
          {shownDrafts.map((draft) => (
            <li key={String(draft.versionId)}>
              <a href={versionHref(draft.versionId)}>
                {draft.autosave ? 'Automatisk lagret' : 'Utkast lagret'} {dateTime.format(new Date(draft.savedAt))}
              </a>
              {draft.title && <span className="chapter-versions__draft-title"> – {draft.title}</span>}
              {draft.pending && (
                <Pill pillStyle="warning" size="small" className="chapter-versions__pending">
                  Venter på publisering
                </Pill>
              )}
            </li>
          ))}
          {drafts.length > shownDrafts.length && <li>… og {drafts.length - shownDrafts.length} eldre utkast.</li>}
        </ul>
      )}

      {isAdminUser(user) && (
        <>
          <h2 className="chapter-versions__heading">Revisjonslogg for kapitlet</h2>
          <VersionsTable
            testId="chapter-audit"
            empty="Ingen hendelser er registrert for kapitlet."
            headings={['Tidspunkt', 'Hendelse', 'Versjon', 'Utført av', 'Merknad']}
            rows={events.map((event) => (
              <tr key={String(event.id)}>
                <td>
                  <time dateTime={event.at}>{dateTime.format(new Date(event.at))}</time>
                </td>
                <td>{AUDIT_ACTIONS[event.action as AuditAction] ?? event.action}</td>
                <td>{typeof event.version === 'number' ? `Versjon ${event.version}` : '–'}</td>
                <td>{actorLabel({ userEmail: event.userEmail ?? null, userName: event.userName ?? null })}</td>
                <td>{event.summary ?? '–'}</td>
              </tr>
            ))}
          />
          <p>
            <a href={`${adminRoute}/collections/${COLLECTIONS.auditEvents}`}>Hele revisjonsloggen</a>
          </p>
        </>
      )}
    </Gutter>
  )
}

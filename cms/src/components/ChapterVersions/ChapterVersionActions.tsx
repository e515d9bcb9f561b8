import type { PayloadRequest } from 'payload'

import { canPublish, roleOf } from '../../access/roles'
import { VERSION_LIST_FIELDS, versionRows } from '../../collections/Chapters/versionList'
import { norwegianDay } from '../../lib/dates'
import { COLLECTIONS } from '../../lib/slugs'
import { RestoreVersionButton } from './RestoreVersionButton'
import './chapterVersions.scss'

type Props = { req?: PayloadRequest; docID?: number | string; params?: { segments?: string[] } }

const osloDate = (iso: string | null) =>
  iso ? norwegianDay(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(iso))) : '–'

/**
 * In the header of a chapter's single-version view: the restore that names the version and the
 * version it becomes and asks for the update type and note (it replaces Payload's own restore
 * button there, which asks for neither).
 */
export const ChapterVersionActions = async ({ req, docID, params }: Props) => {
  const versionId = params?.segments?.at(-1)
  if (!req?.user || !roleOf(req.user) || docID === undefined || !versionId)
    return <span className="chapter-version-actions" />
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.chapters,
    where: { and: [{ parent: { equals: docID } }, { 'version._status': { equals: 'published' } }] },
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
    select: {
      updatedAt: true,
      version: VERSION_LIST_FIELDS,
    },
  })
  const { published } = versionRows(docs, [])
  const row = published.find((r) => String(r.versionId) === versionId)
  const adminRoute = req.payload.config.routes.admin
  return (
    <span className="chapter-version-actions">
      {row && !row.current && (
        <RestoreVersionButton
          chapterId={docID}
          versionId={row.versionId}
          revision={row.revision}
          nextRevision={(published[0]?.revision ?? 0) + 1}
          publishedDay={osloDate(row.publishedAt)}
          lastProfessionalChangeDay={row.lastProfessionalChange ? norwegianDay(row.lastProfessionalChange) : '–'}
          updateTypeLabel={row.updateTypeLabel}
          mode={canPublish(req.user) ? 'publish' : 'draft'}
          afterHref={`${adminRoute}/collections/${COLLECTIONS.chapters}/${docID}/versions`}
        />
      )}
    </span>
  )
}

/** A test Payload with a published edition and the seeded staff accounts logged in. */
import { PASSWORD, publishedEdition, startTestPayload, type TestPayload } from './payload'

export type StaffRole = 'editor' | 'publisher' | 'admin'
export type Role = 'anonymous' | StaffRole

/** Starts a test Payload, publishes an edition and fills `tokens` with each staff role's login token. */
export const startWithStaff = async (
  tokens: Partial<Record<Role, string>>,
): Promise<{ t: TestPayload; editionId: number }> => {
  const t = await startTestPayload()
  const editionId = (await publishedEdition(t.payload)).id
  for (const role of ['editor', 'publisher', 'admin'] as const) {
    const { token } = await t.payload.login({
      collection: 'users',
      data: { email: `${role}@example.no`, password: PASSWORD },
    })
    tokens[role] = token
  }
  return { t, editionId }
}

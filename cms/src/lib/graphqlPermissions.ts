import type * as GraphQLModule from 'graphql'

/**
 * Payload's permissions in the shape its GraphQL schema declares. Payload answers permissions
 * (`Access`, `docAccess<Collection>`) in a compact form: `true` for a part where everything is
 * allowed, and nothing at all for what is not; the schema expects `{ permission: Boolean! }`
 * at every operation of every field (and `canAccessAdmin: Boolean!`), so a compact answer
 * failed as a server error for anyone, the public included. Expanded here along the schema's
 * types: `true` allows everything beneath it, a missing part allows nothing.
 */
export const expandPermissions = (
  graphql: typeof GraphQLModule,
  value: unknown,
  type: GraphQLModule.GraphQLOutputType,
): unknown => {
  const named = graphql.getNamedType(type)
  if (named === graphql.GraphQLBoolean) return value === true
  if (!graphql.isObjectType(named)) return value
  const fields = named.getFields()
  if ('permission' in fields) {
    if (value === true) return { permission: true }
    if (value && typeof value === 'object')
      return { ...value, permission: (value as { permission?: unknown }).permission === true }
    return { permission: false }
  }
  const within = (name: string) =>
    value === true ? true : value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : false
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, expandPermissions(graphql, within(name), field.type)]),
  )
}

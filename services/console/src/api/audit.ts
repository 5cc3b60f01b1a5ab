import { graphql } from '../gql'

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $filter: AuditFilterInput) {
    me { id }
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { at username action objectType objectId objectLabel before after }
    }
  }
`)

/** Who may be chosen in the filters: the accounts and screens in my scope. */
export const AuditChoicesQuery = graphql(`
  query AuditChoices {
    me { id }
    accounts { id username displayName }
    screens(first: 100, filter: { status: null }) { nodes { id name community { name } } }
  }
`)

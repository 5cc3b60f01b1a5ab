import { graphql } from '../gql'

export const ScreensQuery = graphql(`
  query Screens {
    me { id }
    screens(first: 100) {
      totalCount
      nodes {
        id
        name
        kind
        location
        community { id name }
        online
        lastSeenAt
        report { at mode contentVersion lastError }
        screenshot { url takenAt requestedAt pending }
      }
    }
  }
`)

export const ScreenRegisterMutation = graphql(`
  mutation ScreenRegister($input: ScreenRegisterInput!) {
    screenRegister(input: $input) {
      screen { id name community { name } }
      token
      errors { code field message }
    }
  }
`)

/** Every active screen I can see, one page at a time: for counting those an urgent notice interrupts. */
export const ScreensInScopeQuery = graphql(`
  query ScreensInScope($after: String) {
    me { id }
    screens(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id kind community { id } }
    }
  }
`)

import { graphql } from '../gql'

/** A screen's health and what it shows, as lists and the detail page show them. */
graphql(`
  fragment ScreenHealth on Screen {
    id
    name
    kind
    location
    status
    version
    community { id name }
    online
    lastSeenAt
    report { at mode contentVersion lastError }
    showing {
      current
      notices { id title urgent }
      honours { id title subjectName }
      events { id title startsAt }
    }
    screenshot { url takenAt requestedAt pending }
  }
`)

export const ScreensQuery = graphql(`
  query Screens($status: ScreenStatus) {
    me { id }
    screens(first: 100, filter: { status: $status }) {
      totalCount
      nodes { ...ScreenHealth }
    }
  }
`)

export const ScreenQuery = graphql(`
  query Screen($id: ID!) {
    me { id }
    node(id: $id) {
      __typename
      ... on Screen { ...ScreenHealth report { uptimeSeconds } }
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

export const ScreenPairingClaimMutation = graphql(`
  mutation ScreenPairingClaim($input: ScreenPairingClaimInput!) {
    screenPairingClaim(input: $input) {
      screen { id name community { name } }
      errors { code field message }
    }
  }
`)

export const ScreenScreenshotRequestMutation = graphql(`
  mutation ScreenScreenshotRequest($input: ScreenScreenshotRequestInput!) {
    screenScreenshotRequest(input: $input) {
      screenshot { requestedAt pending }
      errors { code field message }
    }
  }
`)

export const ScreenRotateTokenMutation = graphql(`
  mutation ScreenRotateToken($input: ScreenRefInput!) {
    screenRotateToken(input: $input) {
      screen { id name version community { name } }
      token
      errors { code field message }
    }
  }
`)

export const ScreenDecommissionMutation = graphql(`
  mutation ScreenDecommission($input: ScreenRefInput!) {
    screenDecommission(input: $input) {
      screen { id status }
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

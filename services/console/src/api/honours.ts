import { graphql } from '../gql'

graphql(`
  fragment HonourFields on Honour {
    id
    title
    subjectKind
    subjectName
    citation
    year
    status
    version
    rejectReason
    revisionOf
    createdBy
    submittedBy
    submittedAt
    updatedAt
    publishedAt
    photo { sha256 url width height }
    consent {
      state
      givenBy
      givenAt
      method
      withdrawnAt
      formPhoto { sha256 url }
    }
    scope {
      __typename
      name
      level
      ... on Node { id }
    }
  }
`)

/** A page of the honours my office manages (`region`: my scope), of the chosen review states, matching `search`. */
export const HonoursQuery = graphql(`
  query Honours($status: [ContentStatus!]!, $region: ID, $search: String, $first: Int!, $after: String) {
    honours(first: $first, after: $after, filter: {region: $region, status: $status, search: $search}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...HonourFields }
    }
  }
`)

export const HonourQuery = graphql(`
  query Honour($id: ID!) {
    me { id username }
    node(id: $id) {
      __typename
      ... on Honour { ...HonourFields }
    }
  }
`)

export const HonourCreateMutation = graphql(`
  mutation HonourCreate($input: HonourCreateInput!) {
    honourCreate(input: $input) {
      honour { ...HonourFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const HonourUpdateMutation = graphql(`
  mutation HonourUpdate($input: HonourUpdateInput!) {
    honourUpdate(input: $input) {
      honour { ...HonourFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const HonourSubmitMutation = graphql(`
  mutation HonourSubmit($input: ReviewInput!) {
    honourSubmit(input: $input) {
      honour { ...HonourFields }
      errors { code field message }
    }
  }
`)

export const HonourConsentRecordMutation = graphql(`
  mutation HonourConsentRecord($input: ConsentInput!) {
    honourConsentRecord(input: $input) {
      honour { ...HonourFields }
      errors { code field message }
    }
  }
`)

export const HonourConsentWithdrawMutation = graphql(`
  mutation HonourConsentWithdraw($input: ConsentWithdrawInput!) {
    honourConsentWithdraw(input: $input) {
      honour { ...HonourFields }
      errors { code field message }
    }
  }
`)

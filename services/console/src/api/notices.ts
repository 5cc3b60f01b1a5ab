import { graphql } from '../gql'

// A notice's or event's poster or photo (lib/contentImage.ts); the consent for staff of its scope.
graphql(`
  fragment ContentImage on AttachedImage {
    kind
    poster
    showsPeople
    photo { sha256 url width height }
    consent { givenBy givenAt method }
  }
`)

graphql(`
  fragment NoticeFields on Notice {
    id
    title
    body
    category
    categoryLabel
    priority
    urgent
    exclusive
    displayStart
    displayEnd
    image { ...ContentImage }
    status
    version
    rejectReason
    revisionOf
    createdBy
    submittedBy
    submittedAt
    updatedAt
    publishedAt
    scope {
      __typename
      name
      level
      ... on Node { id }
    }
  }
`)

/**
 * A page of the notices my office manages (scoped inside `region`, my scope)
 * in the chosen review states, newest first, optionally those whose title or
 * body contains `search`: filtered by the API, so pages and totals are right.
 */
export const NoticesQuery = graphql(`
  query Notices($status: [ContentStatus!]!, $region: ID, $search: String, $first: Int!, $after: String) {
    me { id username }
    notices(first: $first, after: $after, filter: {region: $region, status: $status, search: $search}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...NoticeFields }
    }
  }
`)

export const NoticeQuery = graphql(`
  query Notice($id: ID!) {
    me { id username }
    node(id: $id) {
      __typename
      ... on Notice { ...NoticeFields }
    }
  }
`)

export const NoticeCreateMutation = graphql(`
  mutation NoticeCreate($input: NoticeCreateInput!) {
    noticeCreate(input: $input) {
      notice { ...NoticeFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const NoticeUpdateMutation = graphql(`
  mutation NoticeUpdate($input: NoticeUpdateInput!) {
    noticeUpdate(input: $input) {
      notice { ...NoticeFields }
      errors { code field message }
      warnings { field message }
    }
  }
`)

export const NoticeSubmitMutation = graphql(`
  mutation NoticeSubmit($input: ReviewInput!) {
    noticeSubmit(input: $input) {
      notice { ...NoticeFields }
      errors { code field message }
    }
  }
`)

/** 紧急通知: a reviewer publishes an urgent notice at once, without a second review. */
export const NoticePublishUrgentMutation = graphql(`
  mutation NoticePublishUrgent($input: ReviewInput!) {
    noticePublishUrgent(input: $input) {
      notice { ...NoticeFields }
      errors { code field message }
    }
  }
`)

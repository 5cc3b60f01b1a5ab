import { graphql } from '../gql'

graphql(`
  fragment NoticeFields on Notice {
    id
    title
    body
    category
    categoryLabel
    priority
    urgent
    displayStart
    displayEnd
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
 * The notices of the chosen review states. Staff get those states inside their
 * scope, and published notices from anywhere (a city-wide one shows in every
 * community), so the console keeps those inside the scope (lib/items.ts).
 */
export const NoticesQuery = graphql(`
  query Notices($status: [ContentStatus!]!, $community: ID) {
    me { id username }
    notices(first: 100, filter: {community: $community, status: $status}) {
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
    }
  }
`)

export const NoticeUpdateMutation = graphql(`
  mutation NoticeUpdate($input: NoticeUpdateInput!) {
    noticeUpdate(input: $input) {
      notice { ...NoticeFields }
      errors { code field message }
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

import { graphql } from '../gql'

graphql(`
  fragment ReviewFields on ReviewItem {
    __typename
    ... on Notice {
      ...NoticeFields
      original { id title body categoryLabel priority urgent displayStart displayEnd scope { name } image { ...ContentImage } }
    }
    ... on Honour {
      id
      title
      status
      version
      revisionOf
      submittedBy
      submittedAt
      rejectReason
      subjectKind
      subjectName
      citation
      year
      photo { url sha256 }
      consent { state givenBy givenAt method withdrawnAt formPhoto { url } }
      scope { __typename name level ... on Node { id } }
      original { id title subjectKind subjectName citation year photo { sha256 } scope { name } }
    }
    ... on Event {
      # Not ...EventFields: its category (EventCategory) would clash with Notice's (NoticeCategory) in this union.
      id
      title
      status
      version
      revisionOf
      submittedBy
      submittedAt
      rejectReason
      categoryLabel
      description
      venue
      organiser
      startsAt
      endsAt
      largeScale
      participants
      original { id participants }
      series { id }
      image { ...ContentImage }
      scope { __typename name level ... on Node { id } }
      original { id title description categoryLabel venue organiser startsAt endsAt largeScale scope { name } image { ...ContentImage } }
    }
  }
`)

/** What waits for me to review, oldest submission first (never what I submitted myself). */
export const ReviewQueueQuery = graphql(`
  query ReviewQueue {
    me { id username }
    reviewQueue(first: 100) {
      totalCount
      nodes { ...ReviewFields }
    }
  }
`)

/** For a reviewer's home page. */
export const ReviewCountQuery = graphql(`
  query ReviewCount {
    me { id }
    reviewQueue(first: 1) { totalCount }
  }
`)

/** My drafts, items in review and rejected ones (with the reason), most recently changed first. */
export const MyItemsQuery = graphql(`
  query MyItems($status: [ContentStatus!]) {
    me { id }
    myItems(first: 100, status: $status) {
      totalCount
      nodes { ...ReviewFields }
    }
  }
`)

export const NoticeApproveMutation = graphql(`
  mutation NoticeApprove($input: ReviewInput!) {
    noticeApprove(input: $input) { notice { id status } errors { code field message } }
  }
`)

export const NoticeRejectMutation = graphql(`
  mutation NoticeReject($input: RejectInput!) {
    noticeReject(input: $input) { notice { id status } errors { code field message } }
  }
`)

export const HonourApproveMutation = graphql(`
  mutation HonourApprove($input: ReviewInput!) {
    honourApprove(input: $input) { honour { id status } errors { code field message } }
  }
`)

export const HonourRejectMutation = graphql(`
  mutation HonourReject($input: RejectInput!) {
    honourReject(input: $input) { honour { id status } errors { code field message } }
  }
`)

export const EventApproveMutation = graphql(`
  mutation EventApprove($input: ReviewInput!) {
    eventApprove(input: $input) { event { id status } errors { code field message } }
  }
`)

export const EventRejectMutation = graphql(`
  mutation EventReject($input: RejectInput!) {
    eventReject(input: $input) { event { id status } errors { code field message } }
  }
`)

/** A whole series approved in one call: every event or none (each must be in my scope, none my own). */
export const EventBatchApproveMutation = graphql(`
  mutation EventBatchApprove($input: BatchReviewInput!) {
    eventBatchApprove(input: $input) { events { id status } errors { code field message } }
  }
`)

export const EventBatchRejectMutation = graphql(`
  mutation EventBatchReject($input: BatchRejectInput!) {
    eventBatchReject(input: $input) { events { id status } errors { code field message } }
  }
`)

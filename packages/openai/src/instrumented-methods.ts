import { CHAT_OPERATION } from './operations/chat';
import { EMBEDDINGS_OPERATION } from './operations/embeddings';
import type { Operation } from './operations/operation';
import { RESPONSES_OPERATION } from './operations/responses';
import { TEXT_COMPLETION_OPERATION } from './operations/text-completion';

/** A resource of the client: which of its sub-resources and methods are instrumented. */
export interface ResourceNode {
  readonly resources?: ReadonlyMap<string, ResourceNode>;
  readonly methods?: ReadonlyMap<string, Operation>;
}

/**
 * Everything that makes a span. Every other property of the client (`models`, `files`,
 * `chat.completions.list`, `responses.stream`, …) is passed through untouched.
 */
export const CLIENT_NODE: ResourceNode = {
  resources: new Map<string, ResourceNode>([
    [
      'chat',
      {
        resources: new Map([
          [
            'completions',
            {
              methods: new Map([
                ['create', CHAT_OPERATION],
                ['parse', CHAT_OPERATION],
              ]),
            },
          ],
        ]),
      },
    ],
    ['responses', { methods: new Map([['create', RESPONSES_OPERATION]]) }],
    ['embeddings', { methods: new Map([['create', EMBEDDINGS_OPERATION]]) }],
    ['completions', { methods: new Map([['create', TEXT_COMPLETION_OPERATION]]) }],
  ]),
};

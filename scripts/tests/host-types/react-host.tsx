// A React 19 host, typed against the packed package and @types/react (scripts/tests/package.test.mjs).
import '@msg-ui/messenger-integration';
import type { ReadyDetail } from '@msg-ui/messenger-integration';
import { useRef } from 'react';

export function Messaging({ onBadge }: { onBadge: (count: number) => void }) {
  const ref = useRef<HTMLElementTagNameMap['messenger-integration']>(null);
  const ready = (e: CustomEvent<ReadyDetail>) => console.log(e.detail.path, ref.current?.isConnected);
  return (
    <>
      <messenger-integration
        ref={ref}
        className="crm-panel"
        base-path="/crm"
        view="conversations"
        chrome="none"
        locale="ja-JP"
        onmessenger:ready={ready}
        onmessenger:awaiting-reply={(e) => onBadge(e.detail.count)}
      />
      {/* Without namespaced JSX names (Babel refuses them by default), the same props spread: */}
      <messenger-integration {...{ 'onmessenger:error': (e: CustomEvent<{ code: string }>) => console.log(e.detail.code) }} />
      {/* @ts-expect-error: a part there is not */}
      <messenger-integration view="reports" />
      {/* @ts-expect-error: the event's detail has no such field */}
      <messenger-integration onmessenger:navigate={(e) => console.log(e.detail.count)} />
    </>
  );
}

import { useState } from 'react';
import { BRANDS } from '../../shared/brands.js';

export function App() {
  const [shown, setShown] = useState(true);
  const [brand, setBrand] = useState('default');
  const [log, setLog] = useState([]);
  const heard = (e) => setLog((log) => [...log, `${e.type} ${JSON.stringify(e.detail)}`]);

  return (
    <>
      <header className="crm-header">
        <p className="crm-header__name">React CRM</p>
        <label>
          Brand of the app{' '}
          <select value={brand} onChange={(e) => setBrand(e.target.value)}>
            <option value="default">Default</option>
            <option value="indigo">Indigo</option>
            <option value="teal">Teal</option>
          </select>
        </label>
      </header>
      <main className="crm-main">
        {shown && (
          // React 19 sets `appearance` as the element's property (an object, live) and adds a
          // listener for each `on…` prop under the rest of its name.
          <messenger-integration
            base-path="/react-host"
            appearance={BRANDS[brand]}
            onmessenger:ready={heard}
            onmessenger:navigate={heard}
            onmessenger:integration-change={heard}
            onmessenger:error={heard}
          />
        )}
        <p>
          <button type="button" onClick={() => setShown(!shown)}>
            {shown ? 'Remove the app' : 'Add the app again'}
          </button>
        </p>
        <section className="crm-log" aria-labelledby="crm-log-title">
          <h2 id="crm-log-title">Event log</h2>
          <div role="log" aria-labelledby="crm-log-title">
            <ol>
              {log.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </div>
        </section>
      </main>
    </>
  );
}

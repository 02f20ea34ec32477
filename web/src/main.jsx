import { render } from 'preact';
import { App } from './app.jsx';
import { startNav } from './lib/nav.js';
import './styles.css';

startNav();
render(<App />, document.getElementById('app'));

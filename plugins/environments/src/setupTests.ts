import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The entity tab is a large tree and CI machines are small: give async
// queries more than the default second before they fail.
configure({ asyncUtilTimeout: 5000 });

import { Content, Header, Page } from '@backstage/core-components';
import { EnvironmentsTable } from './EnvironmentsTable';

/**
 * The environments index: every environment the backend knows, with its
 * state and a link to its catalog entity.
 *
 * @public
 */
export function EnvironmentsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Environments"
        subtitle="State of the platform's environments, from CircleCI"
      />
      <Content>
        <EnvironmentsTable />
      </Content>
    </Page>
  );
}

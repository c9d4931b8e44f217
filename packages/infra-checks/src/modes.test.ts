import { checkModes, MODE_EXPECTATIONS } from './modes';
import { repository } from './testUtils';
import { selectWorkflows } from './when';

describe('mode parameters', () => {
  it('runs exactly the intended workflows for every kind of pipeline', async () => {
    const repo = await repository();
    expect(checkModes(repo.circle)).toEqual([]);
  });

  it("follows the seed's recipe for the image refresh exactly", async () => {
    const repo = await repository();
    expect(
      selectWorkflows(
        repo.circle,
        { 'refresh-prefect-image-mode': true, 'terraform-prod-mode': false },
        'main',
      ),
    ).toEqual(['refresh-prefect-image']);
  });

  it('covers every workflow of the config', async () => {
    const repo = await repository();
    const expected = new Set(MODE_EXPECTATIONS.flatMap(e => e.workflows));
    expect([...expected].sort()).toEqual(
      Object.keys(repo.circle.workflows).sort(),
    );
  });

  it('reports a drift mode that the guard or terraform-prod no longer exclude', async () => {
    const repo = await repository();
    const broken = structuredClone(repo.circle);
    // The guard forgets drift off main, terraform-prod forgets drift mode.
    const guard = broken.workflows['reject-pipeline-parameters'].when.or;
    guard.at(-1).and[0].or.pop();
    broken.workflows['terraform-prod'].when.and.splice(4, 1);
    expect(checkModes(broken)).toEqual([
      'drift check, terraform-prod-mode left true ({"terraform-drift-mode":true} on main) runs [terraform-prod, terraform-drift], expected [terraform-drift]',
      'drift off main ({"terraform-drift-mode":true,"terraform-prod-mode":false} on feature/x) runs [], expected [reject-pipeline-parameters]',
    ]);
  });

  it('reports a mode workflow whose condition no longer excludes terraform-prod', async () => {
    const repo = await repository();
    const broken = structuredClone(repo.circle);
    broken.workflows['terraform-prod'].when = {
      and: [
        '<< pipeline.parameters.terraform-prod-mode >>',
        { equal: ['main', '<< pipeline.git.branch >>'] },
      ],
    };
    expect(checkModes(broken)).toEqual([
      'drift check, terraform-prod-mode left true ({"terraform-drift-mode":true} on main) runs [terraform-prod, terraform-drift], expected [terraform-drift]',
      'park, terraform-prod-mode left true ({"park-infrastructure-mode":true} on main) runs [terraform-prod, park-infrastructure], expected [park-infrastructure]',
      'unpark, terraform-prod-mode left true ({"unpark-infrastructure-mode":true} on main) runs [terraform-prod, unpark-infrastructure], expected [unpark-infrastructure]',
      'refresh, terraform-prod-mode left true ({"refresh-prefect-image-mode":true} on main) runs [terraform-prod, refresh-prefect-image], expected [refresh-prefect-image]',
    ]);
  });

  it('reports portal CI running in a mode pipeline', async () => {
    const repo = await repository();
    const broken = structuredClone(repo.circle);
    delete broken.workflows['portal-ci'].when;
    expect(checkModes(broken)).toContain(
      'unpark ({"unpark-infrastructure-mode":true,"terraform-prod-mode":false} on main) runs [unpark-infrastructure, portal-ci], expected [unpark-infrastructure]',
    );
  });

  it('reports a mode parameter the config no longer declares', async () => {
    const repo = await repository();
    const broken = structuredClone(repo.circle);
    delete broken.parameters['park-infrastructure-mode'];
    expect(checkModes(broken)).toContain(
      'park: InputError: Invalid pipeline parameters for .circleci/config.yml: "park-infrastructure-mode" is not declared',
    );
  });
});

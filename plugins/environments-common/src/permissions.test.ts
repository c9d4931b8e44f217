import {
  environmentImageBumpPermission,
  environmentParkPermission,
  environmentReadPermission,
  environmentsPermissions,
  isEnvironmentMutationPermission,
} from './permissions';

describe('environments permissions', () => {
  it('tags every mutation and nothing else', () => {
    expect(isEnvironmentMutationPermission(environmentParkPermission)).toBe(
      true,
    );
    expect(
      isEnvironmentMutationPermission(environmentImageBumpPermission),
    ).toBe(true);
    expect(isEnvironmentMutationPermission(environmentReadPermission)).toBe(
      false,
    );
    expect(
      isEnvironmentMutationPermission({
        type: 'basic',
        name: 'catalog.entity.delete',
        attributes: { action: 'delete' },
      }),
    ).toBe(false);
  });

  it('puts every permission on the catalog entity, with unique names', () => {
    const names = environmentsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const permission of environmentsPermissions) {
      expect(permission.resourceType).toBe('catalog-entity');
      expect(permission.name).toMatch(/^environments\./);
    }
  });
});

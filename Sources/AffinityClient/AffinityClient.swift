// AffinityClient: see the issue tracker; the module is filled by its own issue.

import { ScnetApiError, type ContainerApi } from '../../src/scnet/client.ts';

// An in-memory cluster behind the container API clean-containers uses, for unit tests that assert
// on results: the list is newest first and pages by record offset, as the platform's does; a
// batch delete is all or nothing; a test can fail IDs or change the list between two calls.

export interface FakeContainer {
  readonly id: string;
  readonly instanceServiceName: string;
  readonly status: string;
  readonly taskType: string;
  /** Epoch ms. */
  readonly createTime: number;
}

export class FakeContainers implements ContainerApi {
  readonly deleteUrl = 'https://ai.fake/ai/openapi/v2/instance-service/task';
  readonly containers: FakeContainer[] = [];
  /** Every DELETE, by its IDs. */
  readonly deletes: string[][] = [];
  /** IDs whose delete answers this code and message. */
  readonly failing = new Map<string, { code: string; msg: string }>();
  /** Runs before each list page is answered: change the list here. */
  beforePage: (start: number) => void = () => {};
  #next = 1;

  /** Containers created a day apart, the last one newest. */
  add(count: number, fields: Partial<Omit<FakeContainer, 'id'>> = {}): FakeContainer[] {
    return Array.from({ length: count }, () => {
      const n = this.#next++;
      const c = {
        id: `c${String(n).padStart(4, '0')}`,
        instanceServiceName: `job-${n}`,
        status: 'Terminated',
        taskType: 'jupyter',
        createTime: Date.UTC(2024, 0, 1) + n * 86_400_000,
        ...fields,
      };
      this.containers.push(c);
      return c;
    });
  }

  has(id: string): boolean {
    return this.containers.some((c) => c.id === id);
  }

  listPage(start: number, limit: number): Promise<unknown> {
    this.beforePage(start);
    const newestFirst = [...this.containers].sort((a, b) => b.createTime - a.createTime);
    return Promise.resolve({ total: newestFirst.length, records: newestFirst.slice(start, start + limit) });
  }

  deleteOnce(ids: readonly string[]): Promise<void> {
    this.deletes.push([...ids]);
    for (const id of ids) {
      const failure = this.failing.get(id) ?? (this.has(id) ? undefined : { code: '716866', msg: `container ${id} not exist` });
      if (failure) return Promise.reject(new ScnetApiError('delete containers', failure.code, failure.msg));
    }
    for (const id of ids)
      this.containers.splice(
        this.containers.findIndex((c) => c.id === id),
        1,
      );
    return Promise.resolve();
  }
}

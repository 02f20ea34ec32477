// Renders of the notejam chart with its optional features switched on, beyond what the environments use.
export const FEATURES_ON = {
  'SMTP and scheduling settings (dev)': {
    env: 'dev',
    set: ['nodeSelector.workload=notejam', 'tolerations[0].key=dedicated', 'tolerations[0].operator=Exists',
      'tolerations[0].effect=NoSchedule', 'imagePullSecrets[0].name=ecr', 'priorityClassName=notejam-critical',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=kubernetes.io/arch',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=In',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values={amd64}',
      'secrets.smtp=true',
      'networkPolicy.smtp.cidrs={10.10.200.0/24}'],
  },
};

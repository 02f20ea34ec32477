// Renders of the notejam chart with its optional features switched on, beyond what the environments use.
import { join } from 'node:path';
import { FIXTURES, ROOT } from './helm.mjs';

const ECR = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';

export const FEATURES_ON = {
  'in-cluster web, Redis TLS and IRSA (prod)': {
    env: 'prod',
    set: ['web.enabled=true', 'serviceAccount.roleArn=arn:aws:iam::111111111111:role/notejam-api'],
    setString: [`web.image.repository=${ECR}/notejam-web`],
  },
  'an existing Secret instead of ESO, SMTP, autoscaling off and scheduling settings (dev)': {
    env: 'dev',
    set: ['nodeSelector.workload=notejam', 'tolerations[0].key=dedicated', 'tolerations[0].operator=Exists',
      'tolerations[0].effect=NoSchedule', 'imagePullSecrets[0].name=ecr', 'priorityClassName=notejam-critical',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=kubernetes.io/arch',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=In',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values={amd64}',
'secrets.externalSecret.enabled=false', 'secrets.existingSecret=notejam-app', 'secrets.smtp=true',
      'networkPolicy.smtp.cidrs={10.10.200.0/24}', 'autoscaling.enabled=false', 'replicaCount=2'],
  },
  // As ci/bin/review-deploy.sh deploys one: ci/values/review.yaml (an ALB of its own through the Ingress, the SPA
  // in-cluster), the review environment's HELM_ENV_VALUES, the commit's images and the review app's host.
  'a review app: the Ingress and the in-cluster SPA (ci/values/review.yaml)': {
    namespace: 'review-feature-x',
    values: [join(ROOT, 'ci/values/review.yaml'), join(FIXTURES, 'deploy-review.yaml')],
    setString: [`image.repository=${ECR}/notejam-api`, `web.image.repository=${ECR}/notejam-web`,
      'ingress.host=review-feature-x.review.notejam.example.com'],
  },
};

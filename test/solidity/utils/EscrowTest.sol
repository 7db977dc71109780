// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../../contracts/TenderEscrow.sol";
import {TenderMilestones} from "../../../contracts/modules/TenderMilestones.sol";
import {TenderAdmin} from "../../../contracts/modules/TenderAdmin.sol";
import {TenderSigned} from "../../../contracts/modules/TenderSigned.sol";
import {ITender} from "../../../contracts/interfaces/ITender.sol";
import {ITenderEscrow} from "../../../contracts/interfaces/ITenderEscrow.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {SupplierRegistry} from "../../../contracts/SupplierRegistry.sol";
import {Tender} from "../../../contracts/types/Tender.sol";
import {Test} from "./Test.sol";

/// @notice A deployed escrow with a mock stablecoin, a registered arbitrator and funded parties.
abstract contract EscrowTest is Test {
    address internal constant ETH = address(0);
    uint32 internal constant MIN_WINDOW = 1 hours;
    uint32 internal constant MAX_WINDOW = 365 days;
    uint16 internal constant FEE_BPS = 100;
    uint96 internal constant PRICE = 100e6;
    uint32 internal constant DELIVERY = 2 days;
    uint32 internal constant REVIEW = 1 days;
    uint256 internal constant START = 1_750_000_000;
    uint32 internal constant GRACE = 3 days;
    uint32 internal constant RESPONSE = 3 days;
    string internal constant SPEC =
        '{"version":1,"title":"Summarize","category":"text","task":"Summarize the input in 3 bullets","inputs":[{"name":"doc","text":"hello"}],"acceptance":[{"id":"a1","description":"3 bullets","regex":"^(- .+\\\\n){3}$"}],"deliverable":{"mediaType":"text/markdown","via":"uri"}}';

    ITender internal escrow;
    TenderAdmin internal adminModule;
    /// @dev The milestones module the escrow was deployed with (deployed first, as the SDK does).
    TenderMilestones internal milestonesModule;
    /// @dev The signed-actions module the escrow was deployed with (deployed first, as the SDK does).
    TenderSigned internal signedModule;
    SupplierRegistry internal registry;
    MockERC20 internal usd;

    address internal owner = makeAddr("owner");
    address internal treasury = makeAddr("treasury");
    address internal buyer = makeAddr("buyer");
    address internal supplier = makeAddr("supplier");
    address internal arbitrator = makeAddr("arbitrator");
    address internal stranger = makeAddr("stranger");
    uint32 internal termsId;

    function setUp() public virtual {
        vm.warp(START);
        registry = new SupplierRegistry();
        escrow = deployEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, GRACE, RESPONSE);
        usd = new MockERC20("Mock USD", "mUSD", 6);
        allowToken(address(usd));
        vm.prank(arbitrator);
        termsId = escrow.registerArbitrator(200, 3 days, "ipfs://terms");
        fund(buyer);
    }

    /// @dev A custody contract (which creates its admin module), as the SDK deploys it.
    function deployEscrow(
        address owner_,
        address treasury_,
        uint16 feeBps,
        uint32 minWindow,
        uint32 maxWindow,
        uint32 grace,
        uint32 response
    ) internal returns (ITender) {
        milestonesModule = new TenderMilestones(minWindow, maxWindow, response);
        signedModule = new TenderSigned(minWindow, maxWindow, registry);
        ITender deployed = ITender(
            address(
                new TenderEscrow(
                    owner_, treasury_, feeBps, minWindow, maxWindow, registry, grace, response, milestonesModule, signedModule
                )
            )
        );
        adminModule = TenderAdmin(payable(deployed.adminModule()));
        return deployed;
    }

    bytes32 internal constant _PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev An ERC-2612 permit of the mock stablecoin for `spender` over `value`, signed with `key`.
    function permitOf(uint256 key, address spender, uint256 value, uint256 deadline)
        internal
        view
        returns (Tender.Permit memory p)
    {
        address holder = vm.addr(key);
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                usd.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(_PERMIT_TYPEHASH, holder, spender, value, usd.nonces(holder), deadline))
            )
        );
        p.value = value;
        p.deadline = deadline;
        (p.v, p.r, p.s) = vm.sign(key, digest);
    }

    function allowToken(address token) internal {
        vm.prank(owner);
        escrow.setTokenAllowed(token, true);
    }

    function fund(address account) internal {
        usd.mint(account, 1e18);
        vm.deal(account, 1_000 ether);
        vm.prank(account);
        usd.approve(address(escrow), type(uint256).max);
    }

    function hireOf(address token) internal view returns (Tender.DirectHire memory) {
        return Tender.DirectHire({
            supplier: supplier,
            token: token,
            price: PRICE,
            deliveryWindow: DELIVERY,
            reviewWindow: REVIEW,
            arbitrator: arbitrator,
            arbitratorTermsId: termsId,
            defaultBuyerShareBps: 5_000,
            warranty: Tender.Warranty({holdbackBps: 0, warrantyWindow: 0, holdBond: false}),
            category: keccak256("text"),
            spec: SPEC
        });
    }

    function post(Tender.DirectHire memory hire) internal returns (uint256 jobId) {
        vm.prank(buyer);
        jobId = escrow.postDirectHire{value: hire.token == ETH ? hire.price : 0}(hire);
    }

    function post(address token) internal returns (uint256) {
        return post(hireOf(token));
    }

    function postAndDeliver(address token) internal returns (uint256 jobId) {
        jobId = post(token);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("work"), "ipfs://work");
    }

    function balanceOf(address token, address account) internal view returns (uint256) {
        return token == ETH ? account.balance : usd.balanceOf(account);
    }

    function status(uint256 jobId) internal view returns (Tender.Status) {
        return escrow.job(jobId).status;
    }

    function assertStatus(uint256 jobId, Tender.Status expected) internal view {
        assertEq(uint256(status(jobId)), uint256(expected), "status");
    }

    function wrongStatus(uint256 jobId, Tender.Status expected, Tender.Status actual)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(ITenderEscrow.WrongStatus.selector, jobId, expected, actual);
    }
}
